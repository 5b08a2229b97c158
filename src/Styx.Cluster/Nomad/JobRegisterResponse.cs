namespace Styx.Cluster.Nomad;

/// <summary>What Nomad answers a register, update, scale, stop or revert with.</summary>
public sealed record JobRegisterResponse
{
    public string? EvalID { get; init; }
    public ulong EvalCreateIndex { get; init; }
    public ulong JobModifyIndex { get; init; }
    public string? Warnings { get; init; }
    public ulong Index { get; init; }
}
