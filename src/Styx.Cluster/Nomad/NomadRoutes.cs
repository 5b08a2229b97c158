using Styx.Cluster.Net;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Every Nomad path Styx requests (<see cref="INomadApi"/> and <see cref="NomadStreams"/>), as templates with the
/// parameter names of Nomad's API documentation, so metrics name an endpoint without its IDs.
/// </summary>
public static class NomadRoutes
{
    public static UpstreamRoutes All { get; } = new(
        "nomad",
        "/v1/agent/self",
        "/v1/status/leader",
        "/v1/acl/token/self",
        "/v1/event/stream",
        "/v1/namespaces",
        "/v1/namespace/:namespace",
        "/v1/nodes",
        "/v1/node/:node_id",
        "/v1/node/:node_id/allocations",
        "/v1/node/:node_id/drain",
        "/v1/node/:node_id/eligibility",
        "/v1/jobs",
        "/v1/job/:job_id",
        "/v1/job/:job_id/allocations",
        "/v1/job/:job_id/summary",
        "/v1/job/:job_id/deployments",
        "/v1/job/:job_id/deployment",
        "/v1/job/:job_id/versions",
        "/v1/job/:job_id/scale",
        "/v1/job/:job_id/revert",
        "/v1/job/:job_id/services",
        "/v1/allocations",
        "/v1/allocation/:alloc_id",
        "/v1/allocation/:alloc_id/stop",
        "/v1/allocation/:alloc_id/services",
        "/v1/client/stats",
        "/v1/client/allocation/:alloc_id/restart",
        "/v1/client/allocation/:alloc_id/stats",
        "/v1/client/allocation/:alloc_id/checks",
        "/v1/client/fs/logs/:alloc_id",
        "/v1/deployments",
        "/v1/services",
        "/v1/service/:service_name");
}
