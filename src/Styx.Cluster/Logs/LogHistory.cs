namespace Styx.Cluster.Logs;

/// <summary>
/// Lines read once (not followed), oldest first.
/// </summary>
/// <param name="Lines">At most the limit asked for: the newest ones when there were more.</param>
/// <param name="Truncated">More lines matched than the limit allowed.</param>
/// <param name="Source">Where they came from.</param>
/// <param name="Note">What the reader could not honour, e.g. a time range without Loki; null when nothing.</param>
public sealed record LogHistory(IReadOnlyList<LogLine> Lines, bool Truncated, LogSource Source, string? Note = null);
