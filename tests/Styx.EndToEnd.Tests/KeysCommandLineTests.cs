using System.Text.RegularExpressions;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// <c>styx-tui keys add</c>, <c>keys list</c> and <c>hostkey</c> as an operator runs them, then the real OpenSSH client:
/// the added key logs in with the role and name it was given, and the host key it sees is the one <c>hostkey</c> printed.
/// </summary>
public sealed partial class KeysCommandLineTests
{
    [GeneratedRegex(@"SHA256:[A-Za-z0-9+/]{43}")]
    private static partial Regex Fingerprint();

    [Fact]
    public async Task KeysAddListHostkey_TheAddedKeyLogsInWithItsRole()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-cli-").FullName;
        var alice = await UserKey.CreateAsync(keys, "alice");
        (int ExitCode, string Stdout, string Stderr) added = (-1, "", ""), listed = (-1, "", ""), host = (-1, "", "");
        var hostKeyPath = "";
        await using var styx = await StyxProcess.StartAsync(["--demo"], directory =>
        {
            added = StyxProcess.RunCommand(directory, "keys", "add", alice.PrivateKeyPath + ".pub", "--role", "operator", "--name", "Alice Liddell");
            listed = StyxProcess.RunCommand(directory, "keys", "list");
            host = StyxProcess.RunCommand(directory, "hostkey");
            hostKeyPath = Path.Combine(directory, "keys", "host_ed25519");
        });

        Assert.True(added.ExitCode == 0, added.Stderr);
        var fingerprint = Fingerprint().Match(added.Stdout).Value;
        Assert.Equal($"added {fingerprint} Alice Liddell as operator\n", added.Stdout);
        var row = Assert.Single(listed.Stdout.Split('\n'), l => l.StartsWith(fingerprint, StringComparison.Ordinal));
        Assert.Equal([fingerprint, "Alice", "Liddell", "operator", "anywhere"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.True(host.ExitCode == 0, host.Stderr);
        var hostFingerprint = Fingerprint().Match(host.Stdout).Value;
        Assert.NotEmpty(hostFingerprint);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(hostKeyPath));
        }

        var whoami = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"),
        [
            "-v", "-p", styx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", alice.PrivateKeyPath, "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", "-F", "/dev/null", "alice@127.0.0.1", "whoami",
        ]);
        Assert.True(whoami.ExitCode == 0, whoami.Stderr);
        Assert.StartsWith("Alice Liddell (operator) on ", whoami.Stdout, StringComparison.Ordinal);
        Assert.Contains($"key {fingerprint}", whoami.Stdout, StringComparison.Ordinal);
        Assert.Contains($"Server host key: ssh-ed25519 {hostFingerprint}", whoami.Stderr, StringComparison.Ordinal);
    }
}
