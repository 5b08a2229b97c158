using System.Net;
using Styx.Tui.Access;

namespace Styx.Tui.Tests.Access;

/// <summary>
/// <c>from="…"</c> compares addresses, not spellings (issue 10, item 9): a negated pattern refuses its address
/// however the pattern or the peer address is written, and spellings that could mean two addresses are refused.
/// </summary>
public sealed class AddressPatternTests
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
    private const string Bob = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIgae6OunfVrW12FoThuLF36r21r55eSFt3yledSo3Wirb2goJWt7XNEWSG9Q145fMz7G1Ms9jOexzvIdT9//8= bob";

    [Theory]
    // The loopback address in other spellings.
    [InlineData("!::1", "::1")]
    [InlineData("!0:0:0:0:0:0:0:1", "::1")]
    [InlineData("!::0001", "::1")]
    [InlineData("!0000:0000:0000:0000:0000:0000:0000:0001", "::1")]
    // Link-local: the peer arrives with its interface zone (fe80::1%2).
    [InlineData("!fe80::1", "fe80::1%2")]
    [InlineData("!FE80::1", "fe80::1%2")]
    [InlineData("!fe80:0:0:0:0:0:0:1", "fe80::1")]
    [InlineData("!fe80::/10", "fe80::1%2")]
    [InlineData("!2001:db8::0001", "2001:db8::1")]
    // IPv4 and its IPv4-mapped IPv6 forms, on either side.
    [InlineData("!10.0.0.1", "10.0.0.1")]
    [InlineData("!10.0.0.1", "::ffff:10.0.0.1")]
    [InlineData("!::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("!::ffff:10.0.0.1", "::ffff:10.0.0.1")]
    [InlineData("!::ffff:a00:1", "10.0.0.1")]
    [InlineData("!10.0.0.0/8", "::ffff:10.1.2.3")]
    [InlineData("!::ffff:10.0.0.0/104", "10.1.2.3")]
    [InlineData("!::ffff:0:0/96", "192.0.2.7")]
    [InlineData("!10.0.0.*", "::ffff:10.0.0.9")]
    [InlineData("!10.0.0.?", "10.0.0.9")]
    public void NegatedPattern_AnySpelling_RefusesTheAddress(string negated, string peer)
    {
        var key = ParseKey($"from=\"{negated},*\" {Alice}");

        Assert.False(key.AllowsAddress(IPAddress.Parse(peer)), $"from=\"{negated},*\" let {peer} in");
    }

    [Theory]
    [InlineData("::1", "::1")]
    [InlineData("0:0:0:0:0:0:0:1", "::1")]
    [InlineData("fe80::1", "fe80::1%7")]
    [InlineData("10.0.0.1", "::ffff:10.0.0.1")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    [InlineData("192.168.1.0/24", "::ffff:192.168.1.200")]
    [InlineData("2001:db8::/32", "2001:db8:0:0::5")]
    [InlineData("10.0.*", "10.0.200.3")]
    [InlineData("*", "2001:db8::5")]
    [InlineData("*", "10.9.8.7")]
    public void Pattern_MatchesTheSameAddressInAnotherSpelling(string pattern, string peer)
    {
        var key = ParseKey($"from=\"{pattern}\" {Alice}");

        Assert.True(key.AllowsAddress(IPAddress.Parse(peer)));
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.10")]
    [InlineData("10.0.0.1", "::ffff:10.0.0.2")]
    [InlineData("fe80::1", "fe80::2%2")]
    [InlineData("::1", "::ffff:0.0.0.1")]
    [InlineData("10.0.0.?", "10.0.0.10")]
    [InlineData("10.0.0.*", "2001:db8::10:0:0:1")]
    [InlineData("::/0", "10.0.0.1")]
    public void Pattern_DoesNotMatchOtherAddresses(string pattern, string peer)
    {
        var key = ParseKey($"from=\"{pattern}\" {Alice}");

        Assert.False(key.AllowsAddress(IPAddress.Parse(peer)));
    }

    [Theory]
    // Leading zeros: 010 is 8 to inet_aton and 10 to a person.
    [InlineData("!010.0.0.1", "leading zero")]
    [InlineData("10.0.0.01", "leading zero")]
    [InlineData("010.0.0.0/8", "leading zero")]
    [InlineData("10.0.0.0?", "leading zero")]
    // Short and numeric IPv4 forms (10.1 is 10.0.0.1 to inet_aton).
    [InlineData("10.1", "four decimal numbers")]
    [InlineData("167772161", "four decimal numbers")]
    [InlineData("10/8", "four decimal numbers")]
    [InlineData("10.0.0.256", "four decimal numbers")]
    // Zones name an interface of this machine; the pattern would mean different things on different hosts.
    [InlineData("fe80::1%eth0", "zone")]
    [InlineData("!fe80::1%2", "zone")]
    [InlineData("fe80::%eth0/64", "zone")]
    // An IPv6 address has many spellings, so a wildcard over one of them is not a safe test.
    [InlineData("fe80::*", "IPv6 wildcard")]
    [InlineData("!2001:db8::?", "IPv6 wildcard")]
    [InlineData("[::1]", "not an address pattern")]
    [InlineData("example.com", "host names are not resolved")]
    // A block whose address has host bits set is ambiguous: 10.0.0.1/8 could mean 10.0.0.0/8 or 10.0.0.1/32.
    [InlineData("10.0.0.1/8", "host bits")]
    [InlineData("10.0.0.0/33", "CIDR block")]
    [InlineData("10.0.0.0/", "CIDR block")]
    [InlineData("fe80::1/10", "host bits")]
    [InlineData("!", "empty address pattern")]
    public void AmbiguousOrUnusablePattern_IsAnErrorNamingTheLine(string pattern, string expected)
    {
        var result = AuthorizedKeysParser.Parse($"# team\n{Bob}\nfrom=\"{pattern}\" {Alice}\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains(pattern, error.ToString(), StringComparison.Ordinal);
        Assert.StartsWith("line 3: ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NegationList_FromEveryoneButOne_IsNotBypassable()
    {
        var key = ParseKey($"from=\"!10.0.0.1,!fe80::1,!::1,*\" {Alice}");

        foreach (var refused in new[] { "10.0.0.1", "::ffff:10.0.0.1", "::ffff:a00:1", "fe80::1", "fe80::1%1", "fe80::1%42", "::1", "0::1" })
        {
            Assert.False(key.AllowsAddress(IPAddress.Parse(refused)), refused);
        }

        foreach (var allowed in new[] { "10.0.0.2", "fe80::2%1", "::2", "2001:db8::1" })
        {
            Assert.True(key.AllowsAddress(IPAddress.Parse(allowed)), allowed);
        }
    }

    private static AuthorizedKey ParseKey(string line)
    {
        var result = AuthorizedKeysParser.Parse(line);
        Assert.Empty(result.Errors);
        return Assert.Single(result.Keys);
    }
}
