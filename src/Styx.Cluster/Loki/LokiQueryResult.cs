namespace Styx.Cluster.Loki;

/// <summary>
/// A query's answer. <see cref="ResultType"/> is Loki's: <c>streams</c> (log queries: <see cref="Streams"/>),
/// <c>matrix</c> or <c>vector</c> (metric queries: <see cref="Series"/>), or <c>scalar</c> (one series without labels).
/// </summary>
public sealed record LokiQueryResult(string ResultType, IReadOnlyList<LokiStream> Streams, IReadOnlyList<LokiSeries> Series, IReadOnlyList<string> Warnings);
