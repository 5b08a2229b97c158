using System.Globalization;
using Styx.Demo.Model;

namespace Styx.Demo.Prometheus;

/// <summary>
/// What the platform's Traefik exposes on its metrics port (cluster-apis.md §4.2, service labels on): requests and
/// their durations per routed service, code, method and protocol. Only web and api are routed (Routed tags in
/// DefaultCluster) and their access logs are all GETs over HTTP/1.1. Call under the cluster's lock.
/// </summary>
internal static class TraefikMetrics
{
    /// <summary>Traefik's metrics port in the demo's traefik job.</summary>
    private const int MetricsPort = 8082;

    private static readonly (string Service, double PerSecond)[] s_services = [("api@nomad", 2), ("web@nomad", 2)];

    public static ScrapeTarget Proxy(DemoCluster cluster)
    {
        var started = cluster.Started;
        var traefik = cluster.Allocations.Values.FirstOrDefault(a => a.JobId == "traefik" && a.ClientStatus == "running");
        var node = traefik?.Node ?? cluster.Nodes.Values.First();
        var traffic = s_services.Select(s => new TraefikTraffic(s.Service, s.PerSecond, started)).ToList();
        PromLabels Labels(TraefikTraffic t, string code) => PromLabels.Of(("code", code), ("method", "GET"), ("protocol", "http"), ("service", t.Service));
        var series = traffic.SelectMany(t => TraefikTraffic.Codes.Select(c => (Traffic: t, c.Code, Labels: Labels(t, c.Code)))).ToList();

        var requests = new MetricFamily("traefik_service_requests_total", MetricType.Counter, "How many HTTP requests processed on a service, partitioned by status code, protocol, and method.",
            [.. series.Select(s => new MetricSample("traefik_service_requests_total", s.Labels, started, at => s.Traffic.Requests(s.Code, at)))]);

        const string duration = "traefik_service_request_duration_seconds";
        var durations = new List<MetricSample>();
        foreach (var s in series)
        {
            for (var i = 0; i < TraefikTraffic.Buckets.Length; i++)
            {
                var bucket = i;
                var le = PromNumber.Format(TraefikTraffic.Buckets[i]);
                durations.Add(new MetricSample(duration + "_bucket", s.Labels.With("le", le), started, at => s.Traffic.Bucket(s.Code, bucket, at)));
            }

            durations.Add(new MetricSample(duration + "_bucket", s.Labels.With("le", "+Inf"), started, at => s.Traffic.Requests(s.Code, at)));
            durations.Add(new MetricSample(duration + "_sum", s.Labels, started, at => s.Traffic.DurationSum(s.Code, at)));
            durations.Add(new MetricSample(duration + "_count", s.Labels, started, at => s.Traffic.Requests(s.Code, at)));
        }

        var histogram = new MetricFamily(duration, MetricType.Histogram, "How long it took to process the request on a service, partitioned by status code, protocol, and method.", durations);
        var up = new MetricFamily("traefik_service_server_up", MetricType.Gauge, "service server is up, described by gauge value of 0 or 1.",
            [.. cluster.Allocations.Values.Where(a => a.JobId is "web" or "api" && a.Namespace == DemoNamespace.Default && a.ClientStatus == "running")
                .Select(a => new MetricSample("traefik_service_server_up",
                    PromLabels.Of(("service", a.JobId + "@nomad"), ("url", $"http://{a.Node.Address}:{(a.Ports.TryGetValue("http", out var port) ? port : 0)}")),
                    a.PhaseStarted, _ => 1))]);
        return new ScrapeTarget("traefik", node.Address + ":" + MetricsPort.ToString(CultureInfo.InvariantCulture), traefik is not null, started, [requests, histogram, up]);
    }
}
