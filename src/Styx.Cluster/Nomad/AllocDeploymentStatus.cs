namespace Styx.Cluster.Nomad;

/// <summary>An allocation's health as its deployment sees it; null Healthy means not yet decided.</summary>
public sealed record AllocDeploymentStatus
{
    public bool? Healthy { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public bool Canary { get; init; }
    public ulong ModifyIndex { get; init; }
}
