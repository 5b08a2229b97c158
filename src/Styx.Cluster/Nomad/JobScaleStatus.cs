namespace Styx.Cluster.Nomad;

/// <summary><c>GET /v1/job/:id/scale</c>: desired versus placed, running and healthy per task group.</summary>
public sealed record JobScaleStatus
{
    public string JobID { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public ulong JobCreateIndex { get; init; }
    public ulong JobModifyIndex { get; init; }
    public bool JobStopped { get; init; }
    public IReadOnlyDictionary<string, TaskGroupScaleStatus>? TaskGroups { get; init; }
}

/// <summary>One task group's counts.</summary>
public sealed record TaskGroupScaleStatus
{
    public int Desired { get; init; }
    public int Placed { get; init; }
    public int Running { get; init; }
    public int Healthy { get; init; }
    public int Unhealthy { get; init; }
}
