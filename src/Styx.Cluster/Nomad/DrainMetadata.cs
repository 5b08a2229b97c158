namespace Styx.Cluster.Nomad;

/// <summary>The node's last drain: when, and how it ended.</summary>
public sealed record DrainMetadata
{
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
    /// <summary><c>draining</c>, <c>complete</c> or <c>canceled</c>.</summary>
    public string? Status { get; init; }
    public string? AccessorID { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
}
