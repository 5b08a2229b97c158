namespace Styx.Cluster.Logs;

/// <summary>
/// What a session reads logs of: every running allocation of a job (optionally one task group or task), or one
/// allocation whatever its status (a failed allocation's log is often the one wanted).
/// </summary>
/// <param name="AllocationId">A full allocation ID: this allocation only; null: the job's running allocations.</param>
/// <param name="Group">Only this task group, or null for all.</param>
/// <param name="Task">Only this task, or null for every task.</param>
public sealed record LogTarget(string Namespace, string JobId, string? AllocationId = null, string? Group = null, string? Task = null, LogStream Stream = LogStream.Stdout)
{
    /// <summary>How the target reads in titles: <c>web</c>, <c>web/api</c>, <c>web 1a2b3c4d</c>, with <c> stderr</c> when so.</summary>
    public string Title =>
        (AllocationId is { } id ? $"{JobId} {(id.Length > 8 ? id[..8] : id)}" : JobId)
        + (Group is { } g ? "/" + g : "")
        + (Task is { } t ? (Group is null ? "/" : ":") + t : "")
        + (Stream == LogStream.Stderr ? " stderr" : "");
}
