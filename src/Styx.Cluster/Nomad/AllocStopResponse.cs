namespace Styx.Cluster.Nomad;

/// <summary>What Nomad answers <c>POST /v1/allocation/:id/stop</c> with.</summary>
public sealed record AllocStopResponse
{
    public string? EvalID { get; init; }
    public ulong Index { get; init; }
}
