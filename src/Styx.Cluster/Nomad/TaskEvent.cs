namespace Styx.Cluster.Nomad;

/// <summary>Something that happened to a task (Received, Task Setup, Started, Terminated, Restarting, Killed…).</summary>
public sealed record TaskEvent
{
    public string Type { get; init; } = "";
    /// <summary>Nanoseconds since the Unix epoch.</summary>
    public long Time { get; init; }
    public string? DisplayMessage { get; init; }
    public string? Message { get; init; }
    public IReadOnlyDictionary<string, string>? Details { get; init; }
    public bool FailsTask { get; init; }
    public string? RestartReason { get; init; }
    public string? DriverError { get; init; }
    public string? KillReason { get; init; }
    public int ExitCode { get; init; }
    public int Signal { get; init; }
}
