namespace Styx.Cluster.Loki;

/// <summary>Where Loki is (DESIGN.md §8 <c>--loki-addr</c>) and, for a multi-tenant Loki, the tenant (cluster-apis.md §2 Auth).</summary>
public sealed record LokiClientOptions
{
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:3100");

    public Uri Address { get; init; } = DefaultAddress;

    /// <summary>Sent as <c>X-Scope-OrgID</c>; several tenants are joined with <c>|</c>. Null for a single-tenant Loki.</summary>
    public string? TenantId { get; init; }

    /// <summary>How long one HTTP request may take (the tail's socket has no deadline).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
