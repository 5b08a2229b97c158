namespace Styx.Cluster.Nomad;

/// <summary>An allocation as the list endpoints return it (<c>/v1/allocations</c>, <c>/v1/job/:id/allocations</c>).</summary>
public sealed record AllocationListStub
{
    public string ID { get; init; } = "";
    public string EvalID { get; init; } = "";
    /// <summary>e.g. <c>web.web[1]</c>.</summary>
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public string NodeID { get; init; } = "";
    public string NodeName { get; init; } = "";
    public string JobID { get; init; } = "";
    public string? JobType { get; init; }
    public ulong JobVersion { get; init; }
    public string TaskGroup { get; init; } = "";
    /// <summary><c>run</c>, <c>stop</c> or <c>evict</c>.</summary>
    public string DesiredStatus { get; init; } = "";
    public string? DesiredDescription { get; init; }
    /// <summary><c>pending</c>, <c>running</c>, <c>complete</c>, <c>failed</c>, <c>lost</c> or <c>unknown</c>.</summary>
    public string ClientStatus { get; init; } = "";
    public string? ClientDescription { get; init; }
    public IReadOnlyDictionary<string, TaskState>? TaskStates { get; init; }
    public AllocDeploymentStatus? DeploymentStatus { get; init; }
    public string? FollowupEvalID { get; init; }
    public string? NextAllocation { get; init; }
    public string? PreviousAllocation { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long CreateTime { get; init; }
    public long ModifyTime { get; init; }
}
