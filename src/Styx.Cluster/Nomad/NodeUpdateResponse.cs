namespace Styx.Cluster.Nomad;

/// <summary>What Nomad answers a drain or eligibility change with.</summary>
public sealed record NodeUpdateResponse
{
    public ulong EvalCreateIndex { get; init; }
    public IReadOnlyList<string>? EvalIDs { get; init; }
    public ulong NodeModifyIndex { get; init; }
    public ulong Index { get; init; }
}
