using System.Runtime.Versioning;
using Styx.Cluster.Access;
using Styx.Tui.Access;

namespace Styx.Tui.Tests.Access;

public sealed class KeysCommandsTests : IDisposable
{
    private const string Alice = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
    private readonly string _dir = Directory.CreateTempSubdirectory("styx-keyscmd-").FullName;

    private string KeysFile => Path.Combine(_dir, "keys", "authorized_keys");

    [Fact]
    public void Add_ThenList_ShowsFingerprintNameRoleFrom()
    {
        var pub = Path.Combine(_dir, "alice.pub");
        File.WriteAllText(pub, Alice + "\n");
        var output = new StringWriter();

        var status = KeysCommands.Add(KeysFile, pub, Role.Operator, "Alice Liddell", "100.64.0.0/10", output, new StringWriter());

        Assert.Equal(0, status);
        var key = Assert.Single(AuthorizedKeysParser.Parse(File.ReadAllText(KeysFile)).Keys);
        Assert.Equal(("Alice Liddell", Role.Operator), (key.Name, key.Role));
        var list = new StringWriter();
        KeysCommands.List(KeysFile, list, new StringWriter());
        Assert.Contains("SHA256:vfN8BzdT7iodoO6Mfldeyoq+o0OSoorbkxRxoetM7jA", list.ToString(), StringComparison.Ordinal);
        Assert.Contains("operator  100.64.0.0/10", list.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A file created with a umask of 002 would be group-writable, and the server would refuse it (StrictModes).</summary>
    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void Add_NoKeysFileYet_CreatesItMode0600()
    {
        var pub = Path.Combine(_dir, "alice.pub");
        File.WriteAllText(pub, Alice + "\n");

        Assert.Equal(0, KeysCommands.Add(KeysFile, pub, Role.Viewer, null, null, new StringWriter(), new StringWriter()));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
    }

    [Fact]
    public void Add_SameKeyTwice_RefusesAndChangesNothing()
    {
        var pub = Path.Combine(_dir, "alice.pub");
        File.WriteAllText(pub, Alice);
        KeysCommands.Add(KeysFile, pub, Role.Viewer, null, null, new StringWriter(), new StringWriter());
        var before = File.ReadAllText(KeysFile);
        var error = new StringWriter();

        var status = KeysCommands.Add(KeysFile, pub, Role.Admin, null, null, new StringWriter(), error);

        Assert.Equal(2, status);
        Assert.Contains("already authorized as alice@laptop (viewer)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(KeysFile));
    }

    [Theory]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n", "is a private key")]
    [InlineData("ssh-dss AAAA x\n", "not accepted")]
    public void Add_BadFile_SaysWhy(string content, string expected)
    {
        var pub = Path.Combine(_dir, "bad.pub");
        File.WriteAllText(pub, content);
        var error = new StringWriter();

        Assert.Equal(2, KeysCommands.Add(KeysFile, pub, Role.Viewer, null, null, new StringWriter(), error));
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(KeysFile));
    }

    [Fact]
    public void Add_BadFromPattern_IsRefused()
    {
        var pub = Path.Combine(_dir, "alice.pub");
        File.WriteAllText(pub, Alice);
        var error = new StringWriter();

        Assert.Equal(2, KeysCommands.Add(KeysFile, pub, Role.Viewer, null, "office.example.com", new StringWriter(), error));
        Assert.Contains("host names are not resolved", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
