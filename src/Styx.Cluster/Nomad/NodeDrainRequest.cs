namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/node/:id/drain</c>; a null <see cref="DrainSpec"/> cancels a drain.</summary>
public sealed record NodeDrainRequest
{
    public DrainSpec? DrainSpec { get; init; }
    /// <summary>When cancelling, make the node eligible again.</summary>
    public bool MarkEligible { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
}

/// <summary>How to drain: deadline in nanoseconds (-1 = now, 0 = none).</summary>
public sealed record DrainSpec
{
    public long Deadline { get; init; }
    public bool IgnoreSystemJobs { get; init; }
}
