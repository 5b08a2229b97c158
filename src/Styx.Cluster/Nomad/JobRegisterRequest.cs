namespace Styx.Cluster.Nomad;

/// <summary>Body of <c>POST /v1/jobs</c> and <c>POST /v1/job/:id</c>.</summary>
public sealed record JobRegisterRequest
{
    public required Job Job { get; init; }
    /// <summary>Register only if the job's modify index is still <see cref="JobModifyIndex"/> (check-and-set).</summary>
    public bool EnforceIndex { get; init; }
    public ulong JobModifyIndex { get; init; }
    /// <summary>Keep current task group counts instead of the spec's (so re-registering never undoes a scale).</summary>
    public bool PreserveCounts { get; init; }
}
