namespace Styx.Cluster.Nomad;

/// <summary>Child jobs of a periodic or parameterized job, by status.</summary>
public sealed record JobChildrenSummary
{
    public long Pending { get; init; }
    public long Running { get; init; }
    public long Dead { get; init; }
}
