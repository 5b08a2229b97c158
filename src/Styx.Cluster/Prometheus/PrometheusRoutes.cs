using Styx.Cluster.Net;

namespace Styx.Cluster.Prometheus;

/// <summary>Every Prometheus path <see cref="PrometheusClient"/> requests, as templates, so metrics name an endpoint without its label names.</summary>
public static class PrometheusRoutes
{
    public static UpstreamRoutes All { get; } = new(
        "prometheus",
        "/api/v1/query",
        "/api/v1/query_range",
        "/api/v1/labels",
        "/api/v1/label/:name/values",
        "/api/v1/series");
}
