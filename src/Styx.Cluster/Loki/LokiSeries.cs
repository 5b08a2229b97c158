namespace Styx.Cluster.Loki;

/// <summary>One series of a metric query (a vector has one sample per series, a matrix many).</summary>
public sealed record LokiSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<LokiSample> Samples);
