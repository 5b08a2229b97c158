using System.Net;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;

namespace Styx.Tui.Configuration;

/// <summary>
/// Everything <c>styx-tui serve</c> is configured with, after <c>styx.json</c>, <c>STYX_*</c> variables and flags were
/// merged (flags win) and validated. Immutable: a running server never sees its settings change underneath it.
/// </summary>
public sealed record StyxOptions
{
    public required IPEndPoint Listen { get; init; }

    /// <summary>Where Styx serves its own <c>/health</c> and <c>/metrics</c> over HTTP (<c>http:listen</c>); null: no HTTP listener.</summary>
    public IPEndPoint? HttpListen { get; init; }

    public required string HostKeyPath { get; init; }
    public required string AuthorizedKeysPath { get; init; }
    public required string AuditLogPath { get; init; }
    public required string ClusterName { get; init; }
    public required bool Demo { get; init; }

    /// <summary>The demo cluster's size (<c>demoCluster:nodes</c>, <c>demoCluster:extraJobs</c>): three Macs by default; benchmarks go to thousands.</summary>
    public DemoClusterSize DemoCluster { get; init; } = new(3, 0);

    public required NomadSettings Nomad { get; init; }
    public Uri? PrometheusAddress { get; init; }
    public Uri? LokiAddress { get; init; }

    /// <summary>Loki's tenant and the label names of the deployment's Promtail job (<c>loki:*</c>).</summary>
    public LokiSettings Loki { get; init; } = new();

    /// <summary>The server's own log: levels, format, file (<c>logging:*</c>).</summary>
    public LoggingSettings Logging { get; init; } = new();

    /// <summary>Log pipeline sizes (<c>logs:sessionLines</c>).</summary>
    public LogTailOptions Logs { get; init; } = new();
    public string? PlatformCatalogPath { get; init; }

    /// <summary>A metric catalog replacing the built-in one (<c>metrics:catalog</c>), or null for the built-in.</summary>
    public string? MetricCatalogPath { get; init; }
    public required SshSettings Ssh { get; init; }
}

/// <summary>How big <c>--demo</c>'s simulated cluster is: Macs, and generated jobs beyond the Styx-shaped ones.</summary>
/// <param name="LogBurstJob">A job whose allocations log a burst from the start (benchmarks), or null.</param>
public sealed record DemoClusterSize(int Nodes, int ExtraJobs, string? LogBurstJob = null, int LogBurstLinesPerSecond = 10_000);

/// <summary>Nomad connection settings. Tokens are per role so that Nomad itself refuses what a role may not do.</summary>
public sealed record NomadSettings
{
    /// <summary>Set explicitly by <c>--nomad-addr</c> or <c>nomad.addr</c>; null means <c>NOMAD_ADDR</c> or its default.</summary>
    public Uri? Address { get; init; }
    public string? Namespace { get; init; }
    public string? Region { get; init; }
    public string? CaCert { get; init; }
    public string? ClientCert { get; init; }
    public string? ClientKey { get; init; }
    public bool SkipVerify { get; init; }

    /// <summary>Per role (<c>nomad.tokens.viewer|operator|admin</c>); a role without one falls back to <c>NOMAD_TOKEN</c>.</summary>
    public string? ViewerToken { get; init; }
    public string? OperatorToken { get; init; }
    public string? AdminToken { get; init; }

    /// <summary>
    /// How long a blocking query may wait for a change (<c>nomad:wait</c>, Nomad's own cap is 10m): a quiet cluster costs
    /// one request per list per wait.
    /// </summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a request may take beyond its blocking wait (<c>nomad:requestTimeout</c>) before it counts as failed, so a
    /// stalled answer ends in a retry instead of a watcher that waits forever.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Never prints tokens, whatever calls ToString.</summary>
    public override string ToString() => $"Nomad {Address?.ToString() ?? "from NOMAD_ADDR"} (namespace {Namespace ?? "default"}, tokens hidden)";
}

/// <summary>SSH server limits (DESIGN.md §4), each with a default.</summary>
public sealed record SshSettings
{
    public TimeSpan LoginGraceTime { get; init; } = TimeSpan.FromSeconds(30);
    public int MaxAuthTries { get; init; } = 6;
    public int MaxUnauthenticatedConnections { get; init; } = 100;
    public int MaxUnauthenticatedPerSource { get; init; } = 10;
    public int MaxSessionsPerConnection { get; init; } = 4;

    /// <summary>Logged-in connections one key may hold at once (a person's terminals, scripts).</summary>
    public int MaxConnectionsPerKey { get; init; } = 16;

    /// <summary>Logged-in connections from one address (IPv4) or /64 (IPv6); generous, as <c>tailscale serve</c> makes everyone 127.0.0.1.</summary>
    public int MaxAuthenticatedPerSource { get; init; } = 64;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(8);
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);
}

public sealed record LokiSettings
{
    /// <summary><c>X-Scope-OrgID</c> for a multi-tenant Loki; null for none.</summary>
    public string? TenantId { get; init; }

    /// <summary>The label names Promtail gives Nomad's task logs (<c>loki:labels:job</c>, …).</summary>
    public LokiLabelNames Labels { get; init; } = new();
}
