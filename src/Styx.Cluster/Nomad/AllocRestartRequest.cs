namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/client/allocation/:id/restart</c>: one task, or all tasks.</summary>
public sealed record AllocRestartRequest
{
    public string? TaskName { get; init; }
    public bool AllTasks { get; init; }
}
