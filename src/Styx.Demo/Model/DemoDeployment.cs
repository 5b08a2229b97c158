namespace Styx.Demo.Model;

/// <summary>A rollout of one job version. Mutated only under <see cref="DemoCluster"/>'s lock.</summary>
internal sealed class DemoDeployment
{
    public required string Id { get; init; }
    public required string JobId { get; init; }
    public required string Namespace { get; init; }
    public NamespacedId JobKey => new(Namespace, JobId);
    public required ulong JobVersion { get; init; }
    public required ulong JobModifyIndex { get; init; }
    public required ulong JobCreateIndex { get; init; }
    public string Status { get; set; } = "running";
    public string StatusDescription { get; set; } = "Deployment is running";
    public Dictionary<string, DemoDeploymentGroup> TaskGroups { get; } = new(StringComparer.Ordinal);
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; set; }
    public long CreateTime { get; init; }
    public long ModifyTime { get; set; }
    public bool IsActive => Status is "running" or "paused" or "pending";
}

/// <summary>A deployment's progress for one task group.</summary>
internal sealed class DemoDeploymentGroup
{
    public int DesiredTotal { get; set; }
    public int PlacedAllocs { get; set; }
    public int HealthyAllocs { get; set; }
    public int UnhealthyAllocs { get; set; }
    public DateTimeOffset RequireProgressBy { get; set; }
}
