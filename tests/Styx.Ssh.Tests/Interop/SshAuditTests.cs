using System.Globalization;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.Ssh.Tests.Interop;

/// <summary>
/// Debian's ssh-audit (2.5) against Styx.Ssh: no failure. Its only warnings are "unknown algorithm" for the two names
/// newer than it: the strict-KEX marker and mlkem768x25519-sha256 (which the issue requires).
/// </summary>
public sealed class SshAuditTests
{
    [Fact]
    public async Task SshAudit_Server_NoFailureOnlyStrictKexWarning()
    {
        await using var server = await TestServer.StartAsync();
        var audit = await ProcessRunner.RunAsync(RequiredTool.Path("ssh-audit", "ssh-audit"),
            ["-n", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "127.0.0.1"]);
        var lines = audit.Stdout.Split('\n');
        var failures = lines.Where(l => l.Contains("[fail]", StringComparison.Ordinal)).ToList();
        var warnings = lines.Where(l => l.Contains("[warn]", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, "ssh-audit failures:\n" + audit.Stdout);
        Assert.True(
            warnings.All(w => w.Contains("unknown algorithm", StringComparison.Ordinal)
                              && (w.Contains("kex-strict-s-v00@openssh.com", StringComparison.Ordinal) || w.Contains("mlkem768x25519-sha256", StringComparison.Ordinal))),
            "unexpected warnings:\n" + audit.Stdout);
        Assert.Contains("mlkem768x25519-sha256", audit.Stdout, StringComparison.Ordinal);
    }
}
