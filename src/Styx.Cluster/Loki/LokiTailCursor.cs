namespace Styx.Cluster.Loki;

/// <summary>
/// Where a live tail stands, so that a reconnect resumes without losing or repeating a line: the newest timestamp
/// delivered, and the entries already delivered at exactly that timestamp (a reconnect asks Loki to start there, and
/// Loki's <c>start</c> is inclusive). Entries older than the point a reconnect resumed from were delivered before it.
/// </summary>
internal sealed class LokiTailCursor(DateTimeOffset start)
{
    private readonly HashSet<(long TimestampNs, string Labels, string Line)> _seenAtNewest = [];
    private long _floorNs = LokiTime.ToNanoseconds(start);

    /// <summary>The newest timestamp delivered (the start asked for until something is).</summary>
    public long NewestNs { get; private set; } = LokiTime.ToNanoseconds(start);

    /// <summary>Whether any entry was delivered yet.</summary>
    public bool Any { get; private set; }

    /// <summary>Loki's <c>start</c> for a reconnect: the newest timestamp delivered, or the original start.</summary>
    public DateTimeOffset ResumeFrom => LokiTime.FromNanoseconds(NewestNs);

    /// <summary>Marks a reconnect: nothing older than the newest timestamp delivered is new any more.</summary>
    public void Resume() => _floorNs = NewestNs;

    /// <summary>The entries not delivered before, in the order given; records them as delivered.</summary>
    public List<LokiEntry> Accept(IEnumerable<LokiEntry> entries)
    {
        var fresh = new List<LokiEntry>();
        foreach (var entry in entries)
        {
            if (entry.TimestampNs < _floorNs)
            {
                continue;
            }

            var key = (entry.TimestampNs, LabelKey(entry.Labels), entry.Line);
            if (entry.TimestampNs == NewestNs && _seenAtNewest.Contains(key))
            {
                continue;
            }

            if (entry.TimestampNs > NewestNs)
            {
                NewestNs = entry.TimestampNs;
                _seenAtNewest.Clear();
            }

            if (entry.TimestampNs == NewestNs)
            {
                _seenAtNewest.Add(key);
            }

            Any = true;
            fresh.Add(entry);
        }

        return fresh;
    }

    private static string LabelKey(IReadOnlyDictionary<string, string> labels) =>
        string.Join('\u0000', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value));
}
