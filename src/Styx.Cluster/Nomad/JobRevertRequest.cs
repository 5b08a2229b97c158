namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/job/:id/revert</c>.</summary>
public sealed record JobRevertRequest
{
    public required string JobID { get; init; }
    public ulong JobVersion { get; init; }
    /// <summary>Revert only if the job is still at this version.</summary>
    public ulong? EnforcePriorVersion { get; init; }
}
