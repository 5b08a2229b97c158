using Styx.Cluster.Metrics;

namespace Styx.Tui.Shell.Metrics;

/// <summary>One graph of the Metrics screen: what it asks Prometheus, in what unit, and the latest answer (UI thread only).</summary>
/// <param name="Error">Why there is no query to run (a placeholder the subject cannot fill), or null.</param>
internal sealed record MetricGraph(string Title, MetricUnit Unit, string PromQL, string? Error = null)
{
    public MetricSnapshot? Snapshot { get; set; }
}
