using System.Runtime.Versioning;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Tui.Access;
using Styx.Tui.Hosting;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// The first README command (issue 10, item 13): whenever the demo key is the one that gets in, the printed ssh
/// command names it, on the first run and every run after.
/// </summary>
public sealed class DemoBootstrapTests : IDisposable
{
    private const string UserKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";

    private readonly string _dir = Directory.CreateTempSubdirectory("styx-demo-keys-").FullName;

    private string KeysFile => Path.Combine(_dir, "keys", "authorized_keys");

    private string Home => Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;

    [Fact]
    public void PrepareKeys_NoUserKeys_EveryRunReturnsTheDemoKey()
    {
        var first = DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance);
        var second = DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance);
        var third = DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance);

        var demoKey = Path.Combine(_dir, "keys", "demo_ed25519");
        Assert.Equal(new[] { demoKey, demoKey, demoKey }, new[] { first, second, third });
        Assert.Single(AuthorizedKeysParser.Parse(File.ReadAllText(KeysFile)).Keys);
    }

    [Fact]
    public void PrepareKeys_UserHasAKey_EveryRunAuthorizesThatAndNamesNoFile()
    {
        Directory.CreateDirectory(Path.Combine(Home, ".ssh"));
        File.WriteAllText(Path.Combine(Home, ".ssh", "id_ed25519.pub"), UserKey + "\n");

        Assert.Null(DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance));
        Assert.Null(DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance));
        Assert.Equal("alice@laptop", Assert.Single(AuthorizedKeysParser.Parse(File.ReadAllText(KeysFile)).Keys).Name);
        Assert.False(File.Exists(Path.Combine(_dir, "keys", "demo_ed25519")));
    }

    [Fact]
    public void PrepareKeys_DemoKeyNoLongerAuthorized_NamesNoFile()
    {
        DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance);
        File.WriteAllText(KeysFile, UserKey + "\n");

        Assert.Null(DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance));
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public void PrepareKeys_CreatesTheKeysFileMode0600()
    {
        DemoBootstrap.PrepareKeys(KeysFile, Home, NullLogger.Instance);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeysFile));
    }

    [Theory]
    [InlineData("/srv/styx", "/srv/styx/keys/demo_ed25519", "keys/demo_ed25519")]
    [InlineData("/srv/styx/", "/srv/styx/keys/demo_ed25519", "keys/demo_ed25519")]
    [InlineData("/home/me", "/srv/styx/keys/demo_ed25519", "/srv/styx/keys/demo_ed25519")]
    [InlineData("/srv/styx/keys/sub", "/srv/styx/keys/demo_ed25519", "/srv/styx/keys/demo_ed25519")]
    [InlineData("/home/me", "/home/me/my styx/keys/demo_ed25519", "'my styx/keys/demo_ed25519'")]
    [InlineData("/", "/tmp/it's/demo_ed25519", "'tmp/it'\\''s/demo_ed25519'")]
    public void CommandLinePath_RelativeUnderTheWorkingDirectoryAndQuotedForTheShell(string workingDirectory, string path, string expected) =>
        Assert.Equal(expected, DemoBootstrap.CommandLinePath(path, workingDirectory));

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
