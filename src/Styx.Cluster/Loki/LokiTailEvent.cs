namespace Styx.Cluster.Loki;

/// <summary>
/// What a live tail yields: new entries (oldest first), how many entries Loki dropped in that message
/// (<c>dropped_entries</c>), or, with <see cref="Error"/> set, that the connection failed and a reconnect is pending,
/// so callers can show the tail is stale.
/// </summary>
public sealed record LokiTailEvent(IReadOnlyList<LokiEntry> Entries, int Dropped, string? Error);
