namespace Styx.Cluster.Nomad;

/// <summary>Something that happened to a node (registered, drained, heartbeat missed…).</summary>
public sealed record NodeEvent
{
    public string Message { get; init; } = "";
    public string? Subsystem { get; init; }
    public IReadOnlyDictionary<string, string>? Details { get; init; }
    public DateTimeOffset? Timestamp { get; init; }
    public ulong CreateIndex { get; init; }
}
