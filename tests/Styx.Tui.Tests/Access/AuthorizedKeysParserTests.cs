using System.Net;
using Styx.Cluster.Access;
using Styx.Tui.Access;

namespace Styx.Tui.Tests.Access;

public sealed class AuthorizedKeysParserTests
{
    // Public halves of keys made with ssh-keygen for these tests; the fingerprint is what `ssh-keygen -lf` printed.
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
    private const string AliceFingerprint = "SHA256:vfN8BzdT7iodoO6Mfldeyoq+o0OSoorbkxRxoetM7jA";
    private const string Bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIgae6OunfVrW12FoThuLF36r21r55eSFt3yledSo3Wirb2goJWt7XNEWSG9Q145fMz7G1Ms9jOexzvIdT9//8= bob";

    [Fact]
    public void Parse_KeyWithoutOptions_IsViewerNamedByComment()
    {
        var result = AuthorizedKeysParser.Parse(Alice + "\n");

        var key = Assert.Single(result.Keys);
        Assert.Empty(result.Errors);
        Assert.Equal(Role.Viewer, key.Role);
        Assert.Equal("alice@laptop", key.Name);
        Assert.Equal(AliceFingerprint, key.Fingerprint);
        Assert.Equal("ssh-ed25519", key.KeyType);
        Assert.True(key.AllowsAddress(IPAddress.Parse("203.0.113.9")));
    }

    [Fact]
    public void Parse_RoleAndFromOptions_AreApplied()
    {
        var result = AuthorizedKeysParser.Parse($"role=\"operator\",from=\"100.64.0.0/10,!100.64.0.7,127.0.0.?\" {Bob}");

        var key = Assert.Single(result.Keys);
        Assert.Equal(Role.Operator, key.Role);
        Assert.Equal("bob", key.Name);
        Assert.True(key.AllowsAddress(IPAddress.Parse("100.100.1.2")));
        Assert.True(key.AllowsAddress(IPAddress.Parse("127.0.0.1")));
        Assert.True(key.AllowsAddress(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.False(key.AllowsAddress(IPAddress.Parse("100.64.0.7")));
        Assert.False(key.AllowsAddress(IPAddress.Parse("192.168.1.5")));
        Assert.False(key.AllowsAddress(null));
    }

    [Fact]
    public void Parse_BadLines_AreReportedWithLineNumbersAndOthersKept()
    {
        var text = string.Join('\n',
            "# team keys",
            "role=\"root\" " + Alice,
            "",
            "command=\"/bin/sh\" " + Alice,
            "ssh-dss AAAAB3NzaC1kc3MAAACBAP",
            "ssh-ed25519 not*base64",
            "ssh-ed25519 " + Bob.Split(' ')[1],
            "role=\"admin\" " + Alice,
            "from=\"example.com\" " + Bob,
            Alice);

        var result = AuthorizedKeysParser.Parse(text);

        Assert.Equal(AliceFingerprint, Assert.Single(result.Keys).Fingerprint);
        Assert.Equal(Role.Admin, result.Keys[0].Role);
        Assert.Equal([2, 4, 5, 6, 7, 9, 10], result.Errors.Select(e => e.LineNumber));
        Assert.Contains("use role=\"viewer\"", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown option 'command'", result.Errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("not accepted", result.Errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("not valid base64", result.Errors[3].Message, StringComparison.Ordinal);
        Assert.Contains("not an ssh-ed25519 key", result.Errors[4].Message, StringComparison.Ordinal);
        Assert.Contains("host names are not resolved", result.Errors[5].Message, StringComparison.Ordinal);
        Assert.Contains("already listed", result.Errors[6].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("role=operator ", "needs a quoted value")]
    [InlineData("role=\"admin ", "no closing quote")]
    [InlineData("role=\"admin\",role=\"viewer\" ", "given twice")]
    [InlineData("role=\"admin\",,from=\"1.2.3.4\" ", "empty option")]
    [InlineData("role ", "needs a value")]
    public void Parse_MalformedOptions_SayWhatToType(string options, string expected)
    {
        var result = AuthorizedKeysParser.Parse(options + Alice);

        Assert.Empty(result.Keys);
        Assert.Contains(expected, Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedValueWithSpaces_DoesNotSplitTheLine()
    {
        var result = AuthorizedKeysParser.Parse("from=\"10.0.0.1, 10.0.0.2\" " + Alice);

        Assert.Equal(2, Assert.Single(result.Keys).From.Length);
    }

    [Fact]
    public void Fingerprint_MatchesSshKeygen()
    {
        var blob = Convert.FromBase64String(Alice.Split(' ')[1]);
        Assert.Equal(AliceFingerprint, AuthorizedKeysParser.Fingerprint(blob));
    }
}
