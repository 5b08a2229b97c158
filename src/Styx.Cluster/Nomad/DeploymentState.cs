namespace Styx.Cluster.Nomad;

/// <summary>A deployment's progress for one task group.</summary>
public sealed record DeploymentState
{
    public bool AutoRevert { get; init; }
    public bool Promoted { get; init; }
    public int DesiredCanaries { get; init; }
    public int DesiredTotal { get; init; }
    public int PlacedAllocs { get; init; }
    public int HealthyAllocs { get; init; }
    public int UnhealthyAllocs { get; init; }
    public DateTimeOffset? RequireProgressBy { get; init; }
}
