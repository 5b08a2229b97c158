namespace Styx.Demo.Model;

/// <summary>A simulated Mac running a Nomad client. Mutated only under <see cref="DemoCluster"/>'s lock.</summary>
internal sealed class DemoNode
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Address { get; init; }
    public string Datacenter { get; init; } = "styx";
    public string NodeClass { get; init; } = "";
    public string Status { get; set; } = "ready";
    public string SchedulingEligibility { get; set; } = "eligible";
    public bool Drain { get; set; }
    public DemoDrain? DrainStrategy { get; set; }
    public DemoDrainMetadata? LastDrain { get; set; }
    public int CpuShares { get; init; }
    public int Cores { get; init; }
    public int MemoryMB { get; init; }
    public int DiskMB { get; init; }
    public string Model { get; init; } = "Mac mini";
    public List<DemoNodeEvent> Events { get; } = [];
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; set; }
    public long StatusUpdatedAt { get; set; }

    /// <summary>Whether the scheduler may place new allocations here.</summary>
    public bool AcceptsPlacements => Status == "ready" && SchedulingEligibility == "eligible" && !Drain;
}

/// <summary>An active drain: its deadline (nanoseconds, Nomad's wire unit) and when it was set.</summary>
internal sealed record DemoDrain(long DeadlineNanos, bool IgnoreSystemJobs, DateTimeOffset StartedAt, DateTimeOffset? ForceDeadline);

/// <summary>What is remembered of the last drain (Nomad's <c>LastDrain</c>).</summary>
internal sealed record DemoDrainMetadata(DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, string Status, string AccessorId, IReadOnlyDictionary<string, string> Meta);

/// <summary>One entry of a node's event history.</summary>
internal sealed record DemoNodeEvent(string Message, string Subsystem, DateTimeOffset Timestamp, ulong CreateIndex);
