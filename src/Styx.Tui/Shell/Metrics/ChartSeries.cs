using Styx.Cluster.Prometheus;

namespace Styx.Tui.Shell.Metrics;

/// <summary>One line of a chart: its legend label (already made visible) and its samples in time order.</summary>
internal sealed record ChartSeries(string Label, IReadOnlyList<PrometheusSample> Samples);
