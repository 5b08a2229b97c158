namespace Styx.Cluster.Nomad;

/// <summary>How many allocations of one task group are in each client state.</summary>
public sealed record TaskGroupSummary
{
    public int Queued { get; init; }
    public int Complete { get; init; }
    public int Failed { get; init; }
    public int Running { get; init; }
    public int Starting { get; init; }
    public int Lost { get; init; }
    public int Unknown { get; init; }
}
