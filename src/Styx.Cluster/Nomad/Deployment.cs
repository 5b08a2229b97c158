namespace Styx.Cluster.Nomad;

/// <summary>A rollout of a job version (<c>/v1/deployments</c>, <c>/v1/job/:id/deployments</c>).</summary>
public sealed record Deployment
{
    public string ID { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public string JobID { get; init; } = "";
    public ulong JobVersion { get; init; }
    public ulong JobModifyIndex { get; init; }
    public ulong JobSpecModifyIndex { get; init; }
    public ulong JobCreateIndex { get; init; }
    public IReadOnlyDictionary<string, DeploymentState>? TaskGroups { get; init; }
    /// <summary><c>pending</c>, <c>running</c>, <c>paused</c>, <c>failed</c>, <c>successful</c>, <c>cancelled</c>, <c>blocked</c>…</summary>
    public string Status { get; init; } = "";
    public string? StatusDescription { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    public long CreateTime { get; init; }
    public long ModifyTime { get; init; }
}
