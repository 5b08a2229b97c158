using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Screens;

/// <summary>
/// Sparkline cells from the metric catalog's table queries: the names the screens watch (the PromQL lives in the
/// catalog only, so <c>metrics:catalog</c> can change it), how a series is matched to its row, and the cell text.
/// Each table query answers for every row at once, so a table of any size, or any node's or job's detail, costs one
/// shared query per column.
/// </summary>
internal static class SparklineCells
{
    public const string NodesCpu = "nodes.cpu";
    public const string NodesMemory = "nodes.memory";
    public const string JobsCpu = "jobs.cpu";
    public const string JobsMemory = "jobs.memory";
    public const string ClusterCpu = "cluster.cpu";
    public const string ClusterMemory = "cluster.memory.used";

    /// <summary>Cells of a sparkline: 8 blocks, a space and the latest value.</summary>
    public const int Blocks = 8;

    /// <summary>A node's series of <see cref="NodesCpu"/> and <see cref="NodesMemory"/>: Nomad labels host metrics with the node's name.</summary>
    public static string NodeKey(IReadOnlyDictionary<string, string> labels) => labels.GetValueOrDefault("host") ?? "";

    /// <summary>A job's series of <see cref="JobsCpu"/> and <see cref="JobsMemory"/>: namespace/job (Prometheus renames Nomad's job label exported_job).</summary>
    public static string JobKey(IReadOnlyDictionary<string, string> labels) =>
        (labels.GetValueOrDefault("namespace") ?? "") + "/" + (labels.GetValueOrDefault("exported_job") ?? "");

    /// <summary>Each series of the latest answer of the catalog query <paramref name="name"/>, by the key <paramref name="key"/> makes of its labels.</summary>
    public static IReadOnlyDictionary<string, PrometheusSeries> ByKey(ScreenData data, string name, Func<IReadOnlyDictionary<string, string>, string> key)
    {
        var result = data.Metrics?.GetValueOrDefault(name)?.Result;
        var map = new Dictionary<string, PrometheusSeries>(StringComparer.Ordinal);
        foreach (var series in result?.Series ?? [])
        {
            map.TryAdd(key(series.Metric), series);
        }

        return map;
    }

    /// <summary>The cell of the row <paramref name="row"/> of the table query <paramref name="name"/>.</summary>
    public static string Cell(ScreenData data, string name, Func<IReadOnlyDictionary<string, string>, string> key, string row, MetricUnit unit) =>
        Cell(ByKey(data, name, key).GetValueOrDefault(row), unit, data.Now);

    /// <summary>The cell: the blocks and the latest value, or a dash when there is no series (no Prometheus, no data, no such query).</summary>
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
