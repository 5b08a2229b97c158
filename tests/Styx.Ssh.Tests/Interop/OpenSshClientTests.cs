using System.Security.Cryptography;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.Interop;

/// <summary>Debian's OpenSSH client against Styx.Ssh: every user key type, exec with status, pty, large data, forced rekeys.</summary>
public sealed class OpenSshClientTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private List<string> Args(string key, params string[] extra) =>
    [
        "-p", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", key, "-o", "IdentitiesOnly=yes",
        "-o", "UserKnownHostsFile=" + _server.KnownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
        "-o", "BatchMode=yes", "-F", "/dev/null", .. extra,
    ];

    [Theory]
    [InlineData("ed25519")]
    [InlineData("ecdsa")]
    [InlineData("rsa")]
    public async Task Exec_EachUserKeyType_OutputAndExitStatus(string type)
    {
        var key = await _server.CreateUserKeyAsync(type);
        var ssh = RequiredTool.Path("ssh", "openssh-client");
        var echo = await ProcessRunner.RunAsync(ssh, [.. Args(key), "alice@127.0.0.1", "echo hello styx"]);
        Assert.True(echo.ExitCode == 0, echo.Stderr);
        Assert.Equal("hello styx\n", echo.Stdout);
        var status = await ProcessRunner.RunAsync(ssh, [.. Args(key), "alice@127.0.0.1", "exit 42"]);
        Assert.Equal(42, status.ExitCode);
        var error = await ProcessRunner.RunAsync(ssh, [.. Args(key), "alice@127.0.0.1", "err broken"]);
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("broken", error.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_EndedBySignal_ClientReportsExitSignal()
    {
        var key = await _server.CreateUserKeyAsync("ed25519");
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), [.. Args(key, "-v"), "alice@127.0.0.1", "kill"]);
        // OpenSSH exits 255 for a remote command ended by a signal.
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("rtype exit-signal", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_WithPtyButNoLocalTerminal_ZeroSizeIgnored_DefaultSize()
    {
        var key = await _server.CreateUserKeyAsync("ed25519");
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), [.. Args(key, "-tt"), "alice@127.0.0.1", "size"],
            environment: new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        Assert.True(result.ExitCode == 0, result.Stderr);
        // ssh -tt with stdin not a terminal sends a 0×0 pty-req; zero dimensions are ignored (RFC 4254 §6.2).
        Assert.Equal("xterm-256color 80x24\n", result.Stdout);
    }

    [Fact]
    public async Task UnknownKey_Refused_ExitStatus255()
    {
        var key = await _server.CreateUserKeyAsync("ed25519", authorize: false);
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), [.. Args(key), "alice@127.0.0.1", "echo hi"]);
        Assert.Equal(255, result.ExitCode);
        Assert.Contains("Permission denied (publickey)", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForcedRekeyEvery256KiB_FourMiBBothWays_Intact()
    {
        var key = await _server.CreateUserKeyAsync("ed25519");
        var data = RandomNumberGenerator.GetBytes(4 * 1024 * 1024);
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), [.. Args(key, "-o", "RekeyLimit=256K", "-v"), "alice@127.0.0.1", "sha256"], stdin: data);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal($"{data.Length} {Convert.ToHexStringLower(SHA256.HashData(data))}\n", result.Stdout);
        var rekeys = result.Stderr.Split('\n').Count(l => l.Contains("SSH2_MSG_KEXINIT sent", StringComparison.Ordinal));
        Assert.True(rekeys >= 10, $"expected many key exchanges, saw {rekeys}");

        var big = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), [.. Args(key, "-o", "RekeyLimit=256K"), "alice@127.0.0.1", "big 4194304"]);
        Assert.True(big.ExitCode == 0, big.Stderr);
        Assert.Equal(SHA256.HashData(TestHandler.Pattern(4194304)), SHA256.HashData(big.StdoutBytes));
    }

    [Fact]
    public async Task PtyShellInTmux_WindowChange_Survives()
    {
        var key = await _server.CreateUserKeyAsync("ecdsa");
        var command = RequiredTool.Path("ssh", "openssh-client") + " " + string.Join(' ', Args(key, "-tt")) + " alice@127.0.0.1";
        await using var tmux = await Tmux.StartAsync(command, 100, 30);
        await tmux.WaitForTextAsync("ready 100x30");
        await tmux.ResizeAsync(120, 40);
        await tmux.WaitForTextAsync("size 120x40");
        await tmux.TypeAsync("exit");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("[exit 0]");
    }

    [Fact]
    public async Task ServerInitiatedRekey_Every256KiB_DataIntact()
    {
        await using var server = await TestServer.StartAsync(o => o with { Transport = o.Transport with { RekeyAfterBytes = 256 * 1024 } });
        var key = await server.CreateUserKeyAsync("ed25519");
        var args = new List<string>
        {
            "-p", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", key, "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=" + server.KnownHosts, "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-F", "/dev/null", "-v",
            "alice@127.0.0.1", "big 4194304",
        };
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), args);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(SHA256.HashData(TestHandler.Pattern(4194304)), SHA256.HashData(result.StdoutBytes));
        var rekeys = result.Stderr.Split('\n').Count(l => l.Contains("SSH2_MSG_KEXINIT received", StringComparison.Ordinal));
        Assert.True(rekeys >= 10, $"expected the server to start many key exchanges, saw {rekeys}");
    }
}
