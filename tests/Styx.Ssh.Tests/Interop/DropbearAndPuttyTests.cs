using System.Globalization;
using System.Security.Cryptography;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.Interop;

/// <summary>
/// Dropbear's <c>dbclient</c> (24 KiB window, guessed first KEX packet) and PuTTY's <c>plink</c> against Styx.Ssh:
/// each user key type, exec with status, large output through the small window, and a pty shell in tmux that
/// survives a window change.
/// </summary>
public sealed class DropbearAndPuttyTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Port => _server.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>dbclient reads known_hosts from $HOME/.ssh, keyed by host only; keys must be converted to its format.</summary>
    private async Task<(string Key, Dictionary<string, string> Environment)> DropbearKeyAsync(string type)
    {
        var key = await _server.CreateUserKeyAsync(type);
        var converted = key + ".db";
        var convert = await ProcessRunner.RunAsync(RequiredTool.Path("dropbearconvert", "dropbear-bin"), ["openssh", "dropbear", key, converted]);
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        var home = Path.Combine(_server.Directory, "dbhome");
        Directory.CreateDirectory(Path.Combine(home, ".ssh"));
        await File.WriteAllTextAsync(Path.Combine(home, ".ssh", "known_hosts"), "127.0.0.1 " + _server.HostKeyLine + "\n");
        return (converted, new Dictionary<string, string> { ["HOME"] = home });
    }

    private async Task<string> PuttyKeyAsync(string type)
    {
        var key = await _server.CreateUserKeyAsync(type);
        var ppk = key + ".ppk";
        var convert = await ProcessRunner.RunAsync(RequiredTool.Path("puttygen", "putty-tools"), [key, "-O", "private", "-o", ppk]);
        Assert.True(convert.ExitCode == 0, convert.Stderr);
        return ppk;
    }

    private string[] PlinkArgs(string ppk) =>
        ["-ssh", "-batch", "-P", Port, "-l", "dave", "-i", ppk, "-hostkey", _server.HostKey.Fingerprint, "-no-antispoof"];

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Dbclient_ExecEachKeyType_OutputAndStatus(string type)
    {
        var (key, environment) = await DropbearKeyAsync(type);
        var dbclient = RequiredTool.Path("dbclient", "dropbear-bin");
        var echo = await ProcessRunner.RunAsync(dbclient, ["-p", Port, "-i", key, "dave@127.0.0.1", "echo from dropbear"], environment: environment);
        Assert.True(echo.ExitCode == 0, echo.Stderr);
        Assert.Equal("from dropbear\n", echo.Stdout);
        var status = await ProcessRunner.RunAsync(dbclient, ["-p", Port, "-i", key, "dave@127.0.0.1", "exit 5"], environment: environment);
        Assert.Equal(5, status.ExitCode);
    }

    [Fact]
    public async Task Dbclient_FourMiBThroughItsSmallWindow_Intact()
    {
        var (key, environment) = await DropbearKeyAsync("ed25519");
        var big = await ProcessRunner.RunAsync(RequiredTool.Path("dbclient", "dropbear-bin"), ["-p", Port, "-i", key, "dave@127.0.0.1", "big 4194304"], environment: environment);
        Assert.True(big.ExitCode == 0, big.Stderr);
        Assert.Equal(4194304, big.StdoutBytes.Length);
        Assert.Equal(SHA256.HashData(TestHandler.Pattern(4194304)), SHA256.HashData(big.StdoutBytes));
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Plink_ExecEachKeyType_OutputAndStatus(string type)
    {
        var ppk = await PuttyKeyAsync(type);
        var plink = RequiredTool.Path("plink", "putty-tools");
        var echo = await ProcessRunner.RunAsync(plink, [.. PlinkArgs(ppk), "127.0.0.1", "echo from putty"]);
        Assert.True(echo.ExitCode == 0, echo.Stderr);
        Assert.Equal("from putty\n", echo.Stdout);
        var status = await ProcessRunner.RunAsync(plink, [.. PlinkArgs(ppk), "127.0.0.1", "exit 6"]);
        Assert.Equal(6, status.ExitCode);
    }

    [Fact]
    public async Task Dbclient_PtyShellInTmux_SurvivesWindowChange()
    {
        var (key, environment) = await DropbearKeyAsync("ed25519");
        var command = $"HOME={environment["HOME"]} {RequiredTool.Path("dbclient", "dropbear-bin")} -t -p {Port} -i {key} dave@127.0.0.1";
        await ShellSurvivesResizeAsync(command);
    }

    [Fact]
    public async Task Plink_PtyShellInTmux_SurvivesWindowChange()
    {
        var ppk = await PuttyKeyAsync("ed25519");
        var command = RequiredTool.Path("plink", "putty-tools") + " -t " + string.Join(' ', PlinkArgs(ppk)) + " 127.0.0.1";
        await ShellSurvivesResizeAsync(command);
    }

    private static async Task ShellSurvivesResizeAsync(string command)
    {
        await using var tmux = await Tmux.StartAsync(command, 100, 30);
        await tmux.WaitForTextAsync("ready 100x30");
        await tmux.ResizeAsync(120, 40);
        await tmux.WaitForTextAsync("size 120x40");
        await tmux.TypeAsync("still here");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("echo:still here");
    }
}
