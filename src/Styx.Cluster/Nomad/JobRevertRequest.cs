namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/job/:id/revert</c>.</summary>
public sealed record JobRevertRequest
{
    public required string JobID { get; init; }
    public ulong JobVersion { get; init; }

    /// <summary>Revert to the version with this tag instead of <see cref="JobVersion"/> (Nomad 1.9+).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? TaggedVersion { get; init; }
    /// <summary>Revert only if the job is still at this version.</summary>
    public ulong? EnforcePriorVersion { get; init; }
}
