namespace Styx.Cluster.Nomad;

/// <summary>One NDJSON line of the event stream: the events at one Raft index. <c>{}</c> is a heartbeat.</summary>
public sealed record NomadEventsFrame
{
    public ulong Index { get; init; }
    public IReadOnlyList<NomadEvent>? Events { get; init; }

    public bool IsHeartbeat => Index == 0 && (Events is null || Events.Count == 0);
}
