using System.Text.Json;

namespace Styx.Cluster.Nomad;

/// <summary>An allocation in full (<c>GET /v1/allocation/:id</c>; also the items of <c>/v1/node/:id/allocations</c>).</summary>
public sealed record Allocation
{
    public string ID { get; init; } = "";
    public string EvalID { get; init; } = "";
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public string NodeID { get; init; } = "";
    public string? NodeName { get; init; }
    public string JobID { get; init; } = "";
    public Job? Job { get; init; }
    public string TaskGroup { get; init; } = "";
    public string DesiredStatus { get; init; } = "";
    public string? DesiredDescription { get; init; }
    public string ClientStatus { get; init; } = "";
    public string? ClientDescription { get; init; }
    public IReadOnlyDictionary<string, TaskState>? TaskStates { get; init; }
    public AllocDeploymentStatus? DeploymentStatus { get; init; }
    public string? DeploymentID { get; init; }
    public string? PreviousAllocation { get; init; }
    public string? NextAllocation { get; init; }
    public IReadOnlyDictionary<string, Resources>? TaskResources { get; init; }
    /// <summary>Placement metrics (<c>AllocMetric</c>): kept raw; screens explain failures from it.</summary>
    public JsonElement? Metrics { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    public ulong AllocModifyIndex { get; init; }
    public long CreateTime { get; init; }
    public long ModifyTime { get; init; }
}
