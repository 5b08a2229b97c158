namespace Styx.Cluster.Nomad;

/// <summary>A job as <c>GET /v1/jobs</c> lists it (Nomad <c>structs.JobListStub</c>).</summary>
public sealed record JobListStub
{
    public string ID { get; init; } = "";
    public string? ParentID { get; init; }
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "default";
    public IReadOnlyList<string>? Datacenters { get; init; }
    public string? NodePool { get; init; }
    /// <summary><c>service</c>, <c>batch</c>, <c>system</c> or <c>sysbatch</c>.</summary>
    public string Type { get; init; } = "";
    public int Priority { get; init; }
    public bool Periodic { get; init; }
    public bool ParameterizedJob { get; init; }
    /// <summary>True once the job was stopped (it may still have running allocations until they stop).</summary>
    public bool Stop { get; init; }
    /// <summary><c>pending</c>, <c>running</c> or <c>dead</c>.</summary>
    public string Status { get; init; } = "";
    public string? StatusDescription { get; init; }
    public JobSummary? JobSummary { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
    public ulong JobModifyIndex { get; init; }
    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long SubmitTime { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
}
