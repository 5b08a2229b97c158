namespace Styx.Demo.Prometheus;

/// <summary>The metric types of the exposition format's <c># TYPE</c> line (text format 0.0.4).</summary>
internal enum MetricType
{
    Counter,
    Gauge,
    Histogram,
}

/// <summary>
/// One metric family as exposed: its name, type and help, and its samples. A histogram's samples carry the
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> names.
/// </summary>
internal sealed record MetricFamily(string Name, MetricType Type, string Help, IReadOnlyList<MetricSample> Samples);

/// <summary>
/// One sample stream: its name, its labels (without <c>__name__</c>), when it began, and its value as a function of
/// simulated time, so the exposition endpoint (now) and the query API (any past time) read the same numbers.
/// </summary>
internal sealed record MetricSample(string Name, PromLabels Labels, DateTimeOffset Born, Func<DateTimeOffset, double> Value);
