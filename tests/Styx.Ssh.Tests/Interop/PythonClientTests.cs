using System.Globalization;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.Interop;

/// <summary>paramiko and asyncssh (Debian's python3 packages) against Styx.Ssh: each user key type, exec with status, pty shell with a window change.</summary>
public sealed class PythonClientTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var client in new[] { "paramiko", "asyncssh" })
        {
            foreach (var key in new[] { "ed25519", "ecdsa", "rsa" })
            {
                data.Add(client, key);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task ExecAndShell_EachClientAndKeyType_Work(string client, string keyType)
    {
        var python = PythonWith(client);
        var key = await _server.CreateUserKeyAsync(keyType);
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", client + "_client.py");
        string[] common = [script, "127.0.0.1", _server.Port.ToString(CultureInfo.InvariantCulture), "carol", key, _server.KnownHosts];

        var exec = await ProcessRunner.RunAsync(python, [.. common, "exec", "echo from " + client]);
        Assert.True(exec.ExitCode == 0, exec.Stderr);
        Assert.Contains("from " + client, exec.Stdout, StringComparison.Ordinal);

        var status = await ProcessRunner.RunAsync(python, [.. common, "exec", "exit 7"]);
        Assert.True(status.ExitCode == 7, status.Stderr);

        var shell = await ProcessRunner.RunAsync(python, [.. common, "shell"]);
        Assert.True(shell.ExitCode == 0, shell.Stderr);
        Assert.Contains("shell ok", shell.Stdout, StringComparison.Ordinal);
    }

    /// <summary>
    /// paramiko (and so Ansible) offering an unauthorized key and then an authorized one: it sends a new
    /// SERVICE_REQUEST for <c>ssh-userauth</c> before each key, which OpenSSH accepts (issue 10 item 7).
    /// </summary>
    [Fact]
    public async Task Paramiko_UnauthorizedKeyThenAuthorizedKey_LogsInAndRunsExec()
    {
        var python = PythonWith("paramiko");
        var unauthorized = await _server.CreateUserKeyAsync("ed25519", authorize: false);
        var authorized = await _server.CreateUserKeyAsync("ed25519");
        var script = Path.Combine(AppContext.BaseDirectory, "Clients", "paramiko_client.py");
        var exec = await ProcessRunner.RunAsync(python,
            [script, "127.0.0.1", _server.Port.ToString(CultureInfo.InvariantCulture), "carol", unauthorized + "," + authorized, _server.KnownHosts, "exec", "echo second key"]);
        Assert.True(exec.ExitCode == 0, exec.Stderr);
        Assert.Contains("second key", exec.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Debian's python3 (the one with the Debian modules), checked to have the client module.</summary>
    private static string PythonWith(string module)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            throw new InvalidOperationException("/usr/bin/python3 is missing; run ./scripts/test.sh");
        }

        var check = ProcessRunner.RunAsync(python, ["-c", "import " + module]).GetAwaiter().GetResult();
        return check.ExitCode == 0 ? python : throw new InvalidOperationException($"python3-{module} is not installed; run ./scripts/test.sh");
    }
}
