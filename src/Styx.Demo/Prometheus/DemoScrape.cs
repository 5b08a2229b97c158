using Styx.Demo.Model;
using Styx.Demo.Prometheus.PromQL;

namespace Styx.Demo.Prometheus;

/// <summary>
/// Everything the Styx plan's Prometheus would scrape from the simulated cluster: one Nomad agent per node and the
/// platform's Traefik. Read under the cluster's lock; the values are functions of time, so the snapshot serves
/// both now (exposition) and the past (the query API).
/// </summary>
internal static class DemoScrape
{
    public static IReadOnlyList<ScrapeTarget> Targets(DemoCluster cluster) => cluster.Read(() =>
        (IReadOnlyList<ScrapeTarget>)[.. cluster.Nodes.Values.Select(node => NomadMetrics.Agent(cluster, node)), TraefikMetrics.Proxy(cluster)]);

    /// <summary>
    /// The series as Prometheus stores them: each sample's labels plus <c>__name__</c>, the target's <c>job</c> and
    /// <c>instance</c>, and the synthetic <c>up</c> per target (1 while it answers).
    /// </summary>
    public static IReadOnlyList<PromSeries> Series(IReadOnlyList<ScrapeTarget> targets)
    {
        var series = new List<PromSeries>();
        foreach (var target in targets)
        {
            var targetLabels = PromLabels.Of(("instance", target.Instance), ("job", target.Job));
            var up = target.Up ? 1.0 : 0.0;
            series.Add(new PromSeries(targetLabels.With(PromLabels.MetricName, "up"), target.Born.ToUnixTimeMilliseconds(), _ => up));
            if (!target.Up)
            {
                continue;
            }

            foreach (var sample in target.Families.SelectMany(f => f.Samples))
            {
                // Prometheus's default honor_labels: false keeps the target's job and instance and renames a clashing
                // exposed label to exported_<name>: Nomad's allocation metrics' job label arrives as exported_job.
                var exposed = sample.Labels.Pairs.Select(p => targetLabels[p.Key].Length > 0 ? KeyValuePair.Create("exported_" + p.Key, p.Value) : p);
                series.Add(new PromSeries(PromLabels.Of(exposed).Merge(targetLabels).With(PromLabels.MetricName, sample.Name), sample.Born.ToUnixTimeMilliseconds(), sample.Value));
            }
        }

        return series;
    }
}
