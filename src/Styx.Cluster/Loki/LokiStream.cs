namespace Styx.Cluster.Loki;

/// <summary>A stream of a log query's answer: its labels and its entries, in the query's direction.</summary>
public sealed record LokiStream(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<LokiEntry> Entries);
