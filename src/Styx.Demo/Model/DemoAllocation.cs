namespace Styx.Demo.Model;

/// <summary>A simulated allocation and its tasks. Mutated only under <see cref="DemoCluster"/>'s lock.</summary>
internal sealed class DemoAllocation
{
    public required string Id { get; init; }
    public required string EvalId { get; init; }
    public required string JobId { get; init; }
    /// <summary>The job's namespace; the allocation ID itself is global.</summary>
    public required string Namespace { get; init; }
    public NamespacedId JobKey => new(Namespace, JobId);
    public required ulong JobVersion { get; set; }
    public required string JobType { get; init; }
    public required string TaskGroup { get; init; }
    public required int Slot { get; init; }
    public required DemoNode Node { get; init; }
    public string Name => $"{JobId}.{TaskGroup}[{Slot}]";
    public string DesiredStatus { get; set; } = "run";
    public string DesiredDescription { get; set; } = "";
    public string ClientStatus { get; set; } = "pending";
    public string ClientDescription { get; set; } = "";
    public Dictionary<string, DemoTaskState> TaskStates { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, (int Cpu, int MemoryMB)> TaskResources { get; } = new(StringComparer.Ordinal);
    public bool? Healthy { get; set; }
    public DateTimeOffset? HealthTimestamp { get; set; }
    public string? DeploymentId { get; set; }
    public string? PreviousAllocation { get; init; }
    public string? NextAllocation { get; set; }
    public Dictionary<string, int> Ports { get; } = new(StringComparer.Ordinal);

    /// <summary>When the current lifecycle step began (pending, running, stopping), in simulated time.</summary>
    public DateTimeOffset PhaseStarted { get; set; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; set; }
    public ulong AllocModifyIndex { get; set; }
    public long CreateTime { get; init; }
    public long ModifyTime { get; set; }

    /// <summary>Complete, failed or lost: nothing will change any more.</summary>
    public bool IsTerminal => ClientStatus is "complete" or "failed" or "lost";

    /// <summary>Counts toward the group's wanted count.</summary>
    public bool IsLive => DesiredStatus == "run" && !IsTerminal;
}

/// <summary>One task's state inside an allocation (Nomad's <c>TaskState</c>).</summary>
internal sealed class DemoTaskState
{
    public string State { get; set; } = "pending";
    public bool Failed { get; set; }
    public ulong Restarts { get; set; }
    public DateTimeOffset? LastRestart { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public List<DemoTaskEvent> Events { get; } = [];

    /// <summary>Nomad keeps the last 10 events per task.</summary>
    public void Add(DemoTaskEvent taskEvent)
    {
        Events.Add(taskEvent);
        if (Events.Count > 10)
        {
            Events.RemoveAt(0);
        }
    }
}

/// <summary>A task event; <see cref="TimeNanos"/> is Unix nanoseconds as on the wire.</summary>
internal sealed record DemoTaskEvent(string Type, long TimeNanos, string DisplayMessage, bool FailsTask = false, int ExitCode = 0, string? KillReason = null, string? RestartReason = null);
