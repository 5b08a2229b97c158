namespace Styx.Cluster.Loki;

/// <summary>
/// One log line from Loki: its timestamp in Unix nanoseconds (Loki's unit, sent as a string), the line and the labels
/// of its stream. The line is outside text: show it through <c>Text/ControlCharacters</c>.
/// </summary>
public sealed record LokiEntry(long TimestampNs, string Line, IReadOnlyDictionary<string, string> Labels)
{
    /// <summary>The timestamp, to the 100 ns a <see cref="DateTimeOffset"/> holds.</summary>
    public DateTimeOffset Time => LokiTime.FromNanoseconds(TimestampNs);
}
