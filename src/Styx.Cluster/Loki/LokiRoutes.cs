using Styx.Cluster.Net;

namespace Styx.Cluster.Loki;

/// <summary>Every Loki path <see cref="LokiClient"/> requests, as templates, so metrics name an endpoint without its label names.</summary>
public static class LokiRoutes
{
    public const string Tail = "/loki/api/v1/tail";

    public static UpstreamRoutes All { get; } = new(
        "loki",
        "/loki/api/v1/query_range",
        "/loki/api/v1/query",
        "/loki/api/v1/labels",
        "/loki/api/v1/label/:name/values",
        "/loki/api/v1/series",
        Tail);
}
