namespace Styx.Demo.Prometheus.PromQL;

/// <summary>
/// A series as the demo's Prometheus would store it: its labels (with <c>__name__</c>, <c>job</c>, <c>instance</c>),
/// from when it exists, and its value at any simulated time. Samples exist on the scrape grid only.
/// </summary>
internal sealed record PromSeries(PromLabels Labels, long BornMs, Func<DateTimeOffset, double> Value);
