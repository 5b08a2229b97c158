using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Screens;

/// <summary>
/// The PromQL behind the tables' CPU and memory sparklines. Each returns one series per row of its table (by host, by
/// job and namespace), so a table of any size costs one shared query per column, not one per row.
/// </summary>
internal static class SparklineQueries
{
    public const string NodesCpu = "avg by (host) (nomad_client_host_cpu_total_percent)";
    public const string NodesMemory = "sum by (host) (nomad_client_host_memory_used)";
    public const string JobsCpu = "sum by (exported_job, namespace) (nomad_client_allocs_cpu_total_percent)";
    public const string JobsMemory = "sum by (exported_job, namespace) (nomad_client_allocs_memory_rss)";
    public const string ClusterCpu = "avg(nomad_client_host_cpu_total_percent)";
    public const string ClusterMemory = "sum(nomad_client_host_memory_used)";

    /// <summary>Cells of a sparkline: 8 blocks, a space and the latest value.</summary>
    public const int Blocks = 8;

    /// <summary>Each series of <paramref name="promQL"/>'s latest answer by the key <paramref name="key"/> makes of its labels.</summary>
    public static IReadOnlyDictionary<string, PrometheusSeries> ByKey(ScreenData data, string promQL, Func<IReadOnlyDictionary<string, string>, string> key)
    {
        var result = data.Metrics?.GetValueOrDefault(promQL)?.Result;
        var map = new Dictionary<string, PrometheusSeries>(StringComparer.Ordinal);
        foreach (var series in result?.Series ?? [])
        {
            map.TryAdd(key(series.Metric), series);
        }

        return map;
    }

    /// <summary>The cell: the blocks and the latest value, or a dash when there is no series (no Prometheus, no data).</summary>
    public static string Cell(PrometheusSeries? series, MetricUnit unit, DateTimeOffset now)
    {
        if (series is null || series.Samples.Count == 0)
        {
            return Sparkline.None;
        }

        var line = Sparkline.Of(series.Samples, now - SparklineFeed.Range.Length, now, Blocks);
        return line + " " + UnitText.Format(unit, series.Samples[^1].Value);
    }
}
