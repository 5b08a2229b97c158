namespace Styx.Cluster.Nomad;

/// <summary>The state of one task inside an allocation.</summary>
public sealed record TaskState
{
    /// <summary><c>pending</c>, <c>running</c> or <c>dead</c>.</summary>
    public string State { get; init; } = "";
    public bool Failed { get; init; }
    public ulong Restarts { get; init; }
    public DateTimeOffset? LastRestart { get; init; }
    public DateTimeOffset? StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public IReadOnlyList<TaskEvent>? Events { get; init; }
}
