namespace Styx.Cluster.Nomad;

/// <summary>A node's drain in progress.</summary>
public sealed record DrainStrategy
{
    /// <summary>Nanoseconds; -1 forces the drain at once, 0 means no deadline.</summary>
    public long Deadline { get; init; }
    public bool IgnoreSystemJobs { get; init; }
    public DateTimeOffset? ForceDeadline { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
}
