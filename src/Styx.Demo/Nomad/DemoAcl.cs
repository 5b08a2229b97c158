using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Styx.Demo.Nomad;

/// <summary>
/// The simulated ACL system: one token per Styx role with the policies cluster-apis.md §1.6 recommends (viewer:
/// namespace read plus read-logs, node and agent read; operator: namespace write, node read; admin: management).
/// Secrets are random per demo run.
/// </summary>
public sealed class DemoAcl
{
    private readonly Dictionary<string, DemoToken> _bySecret;

    public DemoAcl(bool enabled)
    {
        Enabled = enabled;
        Viewer = Create("styx-viewer", "client", ["styx-read"],
            [NomadCapability.ListJobs, NomadCapability.ReadJob, NomadCapability.ReadLogs, NomadCapability.NodeRead, NomadCapability.AgentRead]);
        Operator = Create("styx-operator", "client", ["styx-write"],
            [NomadCapability.ListJobs, NomadCapability.ReadJob, NomadCapability.ReadLogs, NomadCapability.SubmitJob, NomadCapability.ScaleJob,
             NomadCapability.AllocLifecycle, NomadCapability.NodeRead, NomadCapability.AgentRead]);
        Admin = Create("styx-admin", "management", [], []);
        _bySecret = new[] { Viewer, Operator, Admin }.ToDictionary(t => t.SecretId, StringComparer.Ordinal);
    }

    public bool Enabled { get; }

    public DemoToken Viewer { get; }

    public DemoToken Operator { get; }

    public DemoToken Admin { get; }

    internal static DemoToken Anonymous { get; } = new("anonymous", "", "Anonymous Token", "client", ["anonymous"]);

    /// <summary>Resolves a request's secret: null secret → anonymous; an unknown one → null ("ACL token not found").</summary>
    internal DemoToken? Resolve(string? secret) =>
        string.IsNullOrEmpty(secret) ? Anonymous : _bySecret.GetValueOrDefault(secret);

    private static DemoToken Create(string name, string type, ImmutableArray<string> policies, NomadCapability[] capabilities) =>
        new(Guid.NewGuid().ToString(), NewSecret(), name, type, policies) { Capabilities = [.. capabilities] };

    private static string NewSecret()
    {
        var bytes = RandomNumberGenerator.GetBytes(16);
        return new Guid(bytes).ToString();
    }
}
