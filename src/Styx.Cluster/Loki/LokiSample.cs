namespace Styx.Cluster.Loki;

/// <summary>One point of a metric query: Loki sends <c>[&lt;float seconds&gt;, "&lt;value&gt;"]</c>.</summary>
public sealed record LokiSample(DateTimeOffset Time, double Value);
