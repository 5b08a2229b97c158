using System.Collections.Immutable;
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
/// are none. Returns the identity file to name in the printed ssh command whenever the demo key is authorized.
/// </summary>
internal static class DemoBootstrap
{
    /// <summary>The simulated cluster, quiet (its HTTP request logs would drown Styx's own).</summary>
    /// <param name="timings">The simulated cluster's timings and clock (tests pass quick ones); null for real-time defaults.</param>
    public static async Task<DemoServer> StartClusterAsync(DemoClusterSize size, DemoOptions? timings, CancellationToken cancellationToken) =>
        await DemoServer.StartAsync(
            (timings ?? new DemoOptions { FlakyWorker = true }) with { NodeCount = size.Nodes, ExtraJobCount = size.ExtraJobs, LogBurstJob = size.LogBurstJob, LogBurstLinesPerSecond = size.LogBurstLinesPerSecond },
            cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <returns>The demo key's file whenever that key is authorized, on the run that created it and on every run
    /// after; null when the keys that get in are the user's own (ssh offers those without <c>-i</c>).</returns>
    public static string? PrepareKeys(string authorizedKeysPath, string home, ILogger logger)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(authorizedKeysPath))!;
        var identity = Path.Combine(directory, "demo_ed25519");
        var existing = File.Exists(authorizedKeysPath) ? AuthorizedKeysParser.Parse(File.ReadAllText(authorizedKeysPath)).Keys : [];
        if (!existing.IsEmpty)
        {
            return IsAuthorized(identity, existing) ? identity : null;
        }

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

        var usesDemoKey = lines.Length == 0;
        if (usesDemoKey)
        {
            if (!File.Exists(identity))
            {
                var key = Ed25519HostKey.Generate();
                OpenSshKeyFile.Write(identity, key, "demo");
                File.WriteAllText(identity + ".pub", "ssh-ed25519 " + Convert.ToBase64String(key.PublicKeyBlob.Span) + " demo\n");
            }

            lines.Append("role=\"admin\" ").AppendLine(File.ReadAllText(identity + ".pub").Trim());
        }

        AuthorizedKeysFile.Append(authorizedKeysPath, "# Added by styx-tui --demo: these keys are admins of the demo cluster.\n" + lines);
        logger.LogInformation("Demo: authorized {Count} key(s) as admin in {Path}", lines.ToString().Count(c => c == '\n'), authorizedKeysPath);
        return usesDemoKey ? identity : null;
    }

    /// <summary>
    /// <paramref name="path"/> as the printed ssh command should name it: relative when it is under the directory
    /// the command is run from (the README's <c>-i keys/demo_ed25519</c>), absolute otherwise, and quoted for a POSIX
    /// shell when it holds anything but letters, digits and <c>/._-+,:@%=</c>.
    /// </summary>
    public static string CommandLinePath(string path, string workingDirectory)
    {
        var relative = Path.GetRelativePath(workingDirectory, path);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(path) : relative;
        return shown.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+,:@%=".Contains(c, StringComparison.Ordinal))
            ? shown
            : "'" + shown.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>Whether the key in the demo key file (the private key that <c>-i</c> names, not its .pub) is listed.</summary>
    private static bool IsAuthorized(string identity, ImmutableArray<AuthorizedKey> keys)
    {
        if (!File.Exists(identity))
        {
            return false;
        }

        try
        {
            var blob = OpenSshKeyFile.Read(File.ReadAllText(identity), identity).PublicKeyBlob.Span;
            var fingerprint = AuthorizedKeysParser.Fingerprint(blob);
            return keys.Any(k => k.Fingerprint == fingerprint);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Demo tokens per role, so the demo exercises Nomad's ACLs exactly as a real cluster would.</summary>
    public static IReadOnlyDictionary<Role, string?> Tokens(DemoServer demo) => new Dictionary<Role, string?>
    {
        [Role.Viewer] = demo.Acl.Viewer.SecretId,
        [Role.Operator] = demo.Acl.Operator.SecretId,
        [Role.Admin] = demo.Acl.Admin.SecretId,
    };
}
