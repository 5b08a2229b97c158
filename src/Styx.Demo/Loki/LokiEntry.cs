namespace Styx.Demo.Loki;

/// <summary>A line as a query returns it: its time, text and the labels of the stream it ends up in (after <c>| json</c>).</summary>
internal sealed record LokiEntry(long TimestampNs, string Line, IReadOnlyDictionary<string, string> Labels);
