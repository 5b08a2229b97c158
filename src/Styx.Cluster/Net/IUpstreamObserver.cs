namespace Styx.Cluster.Net;

/// <summary>
/// Told of every HTTP request a cluster client made to Nomad, Loki or Prometheus, for Styx's own metrics. Every
/// argument is drawn from a bounded set: the endpoint is a route template, never a raw ID or query string.
/// </summary>
/// <remarks>Called on the request's thread as it ends, so it must be quick and must not throw.</remarks>
public interface IUpstreamObserver
{
    /// <param name="upstream"><c>nomad</c>, <c>loki</c> or <c>prometheus</c>.</param>
    /// <param name="endpoint">The route template, e.g. <c>/v1/job/:job_id/allocations</c>; <c>other</c> for a path no template matches.</param>
    /// <param name="status">The HTTP status code (<c>200</c>, <c>404</c>, …); <c>error</c> when no answer came (refused,
    /// reset, TLS); <c>cancelled</c> when Styx stopped waiting first (its deadline ran out, or the reader went away).</param>
    void OnRequest(string upstream, string endpoint, string status);
}
