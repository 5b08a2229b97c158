namespace Styx.Cluster.Metrics;

/// <summary>The unit of a query's values, for axis labels and readouts.</summary>
public enum MetricUnit
{
    Bytes,
    Percent,
    PerSecond,
    Seconds,
    Count,
}
