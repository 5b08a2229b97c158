namespace Styx.Demo.Loki;

/// <summary>One series of a metric query: its labels and (time in Unix nanoseconds, value) samples, oldest first.</summary>
internal sealed record LokiSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<(long TimeNs, double Value)> Samples);
