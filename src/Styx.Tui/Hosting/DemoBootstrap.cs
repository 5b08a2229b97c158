using System.Text;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Demo;
using Styx.Ssh.HostKeys;
using Styx.Tui.Access;
using Styx.Tui.Configuration;

namespace Styx.Tui.Hosting;

/// <summary>
/// <c>--demo</c> (DESIGN.md §8): starts Styx.Demo on loopback and, when <c>authorized_keys</c> has no keys yet,
/// authorizes the local user's <c>~/.ssh/id_*.pub</c> keys as admin, or creates <c>keys/demo_ed25519</c> when there
/// are none. Returns the identity file to name in the printed ssh command (null when the user's own keys are used).
/// </summary>
internal static class DemoBootstrap
{
    /// <summary>The simulated cluster, quiet (its HTTP request logs would drown Styx's own).</summary>
    public static async Task<DemoServer> StartClusterAsync(DemoClusterSize size, CancellationToken cancellationToken) =>
        await DemoServer.StartAsync(
            new DemoOptions { FlakyWorker = true, NodeCount = size.Nodes, ExtraJobCount = size.ExtraJobs },
            cancellationToken: cancellationToken).ConfigureAwait(false);

    public static string? PrepareKeys(string authorizedKeysPath, string home, ILogger logger)
    {
        var existing = File.Exists(authorizedKeysPath) ? AuthorizedKeysParser.Parse(File.ReadAllText(authorizedKeysPath)).Keys : [];
        if (!existing.IsEmpty)
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(authorizedKeysPath))!;
        Directory.CreateDirectory(directory);
        var userKeys = Directory.Exists(Path.Combine(home, ".ssh"))
            ? Directory.GetFiles(Path.Combine(home, ".ssh"), "id_*.pub").Order(StringComparer.Ordinal).ToList()
            : [];
        var lines = new StringBuilder();
        foreach (var file in userKeys)
        {
            var line = File.ReadAllLines(file).FirstOrDefault(l => l.Trim().Length > 0)?.Trim();
            if (line is not null && AuthorizedKeysParser.ParseLine(line, 1, out _) is not null)
            {
                lines.Append("role=\"admin\" ").AppendLine(line);
            }
        }

        string? identity = null;
        if (lines.Length == 0)
        {
            identity = Path.Combine(directory, "demo_ed25519");
            if (!File.Exists(identity))
            {
                var key = Ed25519HostKey.Generate();
                OpenSshKeyFile.Write(identity, key, "demo");
                File.WriteAllText(identity + ".pub", "ssh-ed25519 " + Convert.ToBase64String(key.PublicKeyBlob.Span) + " demo\n");
            }

            lines.Append("role=\"admin\" ").AppendLine(File.ReadAllText(identity + ".pub").Trim());
        }

        File.AppendAllText(authorizedKeysPath, "# Added by styx-tui --demo: these keys are admins of the demo cluster.\n" + lines);
        logger.LogInformation("Demo: authorized {Count} key(s) as admin in {Path}", lines.ToString().Count(c => c == '\n'), authorizedKeysPath);
        return identity;
    }

    /// <summary>Demo tokens per role, so the demo exercises Nomad's ACLs exactly as a real cluster would.</summary>
    public static IReadOnlyDictionary<Role, string?> Tokens(DemoServer demo) => new Dictionary<Role, string?>
    {
        [Role.Viewer] = demo.Acl.Viewer.SecretId,
        [Role.Operator] = demo.Acl.Operator.SecretId,
        [Role.Admin] = demo.Acl.Admin.SecretId,
    };
}
