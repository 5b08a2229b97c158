using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;

namespace Styx.Cluster.Tests.Support;

/// <summary>ClusterCommands wired to a Styx.Demo with the demo's per-role tokens and a real JSON-lines audit file.</summary>
public sealed class CommandsHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "styx-commands-" + Guid.NewGuid().ToString("N"));

    private CommandsHarness(DemoCluster demo, Func<Styx.Demo.Nomad.DemoAcl, IReadOnlyDictionary<Role, string?>>? tokens, string? nomadNamespace)
    {
        Demo = demo;
        Directory.CreateDirectory(_directory);
        Audit = new SerilogAuditLog(Path.Combine(_directory, "audit.jsonl"));
        Clients = new NomadClientSet(
            new NomadClientOptions { Address = demo.Server.NomadAddress, Namespace = nomadNamespace, RequestTimeout = TimeSpan.FromSeconds(10) },
            tokens?.Invoke(demo.Server.Acl) ?? new Dictionary<Role, string?>
            {
                [Role.Viewer] = demo.Server.Acl.Viewer.SecretId,
                [Role.Operator] = demo.Server.Acl.Operator.SecretId,
                [Role.Admin] = demo.Server.Acl.Admin.SecretId,
            });
        Commands = new ClusterCommands(
            Clients,
            PlatformCatalog.Default(),
            Audit,
            new ClusterCommandsOptions { RestartHealthyTimeout = TimeSpan.FromSeconds(20) },
            TimeProvider.System,
            NullLogger<ClusterCommands>.Instance);
    }

    public DemoCluster Demo { get; }

    public SerilogAuditLog Audit { get; }

    public NomadClientSet Clients { get; }

    public ClusterCommands Commands { get; }

    public static Caller Viewer { get; } = new("vera", "SHA256:viewerkeyfingerprint", Role.Viewer, IPAddress.Parse("100.64.1.10"));

    public static Caller Operator { get; } = new("otto", "SHA256:operatorkeyfingerprint", Role.Operator, IPAddress.Parse("100.64.1.11"));

    public static Caller Admin { get; } = new("ada", "SHA256:adminkeyfingerprint", Role.Admin, IPAddress.Loopback);

    /// <param name="tokens">The role tokens to configure, from the demo's ACL; null gives each role its own.</param>
    /// <param name="nomadNamespace">The configured namespace (<c>NOMAD_NAMESPACE</c>); null: Nomad's default.</param>
    public static async Task<CommandsHarness> StartAsync(Func<Styx.Demo.Nomad.DemoAcl, IReadOnlyDictionary<Role, string?>>? tokens = null, string? nomadNamespace = null) =>
        new(await DemoCluster.StartAsync(), tokens, nomadNamespace);

    /// <summary>The audit file's lines, parsed.</summary>
    public IReadOnlyList<AuditRecord> AuditFile()
    {
        using var stream = new FileStream(Audit.FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var records = new List<AuditRecord>();
        while (reader.ReadLine() is { } line)
        {
            records.Add(AuditJsonFormatter.Parse(line) ?? throw new InvalidOperationException("unreadable audit line: " + line));
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        Clients.Dispose();
        Audit.Dispose();
        await Demo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
