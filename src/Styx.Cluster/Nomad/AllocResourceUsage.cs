namespace Styx.Cluster.Nomad;

/// <summary><c>GET /v1/client/allocation/:id/stats</c>: the allocation's use and each task's.</summary>
public sealed record AllocResourceUsage
{
    public ResourceUsage? ResourceUsage { get; init; }
    public IReadOnlyDictionary<string, TaskResourceUsage>? Tasks { get; init; }
    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long Timestamp { get; init; }
}

/// <summary>One task's use.</summary>
public sealed record TaskResourceUsage
{
    public ResourceUsage? ResourceUsage { get; init; }
    public long Timestamp { get; init; }
}
