namespace Styx.Cluster.Nomad;

/// <summary>Allocation counts per task group (<c>GET /v1/job/:id/summary</c>, and inside job list stubs).</summary>
public sealed record JobSummary
{
    public string JobID { get; init; } = "";
    public string? Namespace { get; init; }
    public IReadOnlyDictionary<string, TaskGroupSummary>? Summary { get; init; }
    public JobChildrenSummary? Children { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
}
