using Refit;

namespace Styx.Cluster.Nomad;

/// <summary>
/// The Nomad HTTP API endpoints Styx uses (cluster-apis.md §1.3). Reads that support blocking queries take
/// <c>index</c> and <c>wait</c> (e.g. <c>"30s"</c>) and return <see cref="IApiResponse{T}"/> so the caller can read
/// <c>X-Nomad-Index</c> (<see cref="NomadResponses.NomadIndex"/>). Failures arrive as <see cref="NomadException"/>s
/// (mapped by <see cref="NomadErrorHandler"/>), never as Refit's own exceptions.
/// </summary>
/// <remarks>
/// <para>Path parameters are escaped like Go's <c>url.PathEscape</c>: a dispatched job ID contains '/'.</para>
/// <para>Namespaces (cluster-apis.md §1.1): calls on namespaced objects take <c>@namespace</c>. Null leaves the
/// parameter out, and <see cref="NomadRequestHandler"/> then sends the client's configured one (<c>NOMAD_NAMESPACE</c>,
/// or Nomad's <c>default</c>); a job ID names a job only together with its namespace. The list endpoints take
/// <see cref="Namespace.All"/> for every namespace the token may see. Allocation, node and deployment IDs are global:
/// those calls take no namespace. <see cref="NomadApiInClientNamespace"/> keeps the calls without the parameter.</para>
/// </remarks>
public interface INomadApi
{
    [Get("/v1/agent/self")]
    Task<AgentSelf> GetAgentSelfAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The leader's RPC address as a JSON string, e.g. <c>"10.0.0.1:4647"</c> (empty when there is no leader); read it
    /// with <see cref="System.Text.Json.JsonElement.GetString"/>.
    /// </summary>
    [Get("/v1/status/leader")]
    Task<System.Text.Json.JsonElement> GetLeaderAsync(CancellationToken cancellationToken);

    [Get("/v1/nodes")]
    Task<IApiResponse<List<NodeListStub>>> GetNodesAsync(string? prefix, [AliasAs("resources")] bool? resources, [AliasAs("os")] bool? os, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/node/{nodeId}")]
    Task<IApiResponse<Node>> GetNodeAsync(string nodeId, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/node/{nodeId}/allocations")]
    Task<IApiResponse<List<Allocation>>> GetNodeAllocationsAsync(string nodeId, ulong? index, string? wait, CancellationToken cancellationToken);

    [Post("/v1/node/{nodeId}/drain")]
    Task<NodeUpdateResponse> UpdateNodeDrainAsync(string nodeId, [Body] NodeDrainRequest request, CancellationToken cancellationToken);

    [Post("/v1/node/{nodeId}/eligibility")]
    Task<NodeUpdateResponse> UpdateNodeEligibilityAsync(string nodeId, [Body] NodeEligibilityRequest request, CancellationToken cancellationToken);

    [Get("/v1/jobs")]
    Task<IApiResponse<List<JobListStub>>> GetJobsAsync([AliasAs("namespace")] string? @namespace, string? prefix, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>
    /// Registers a job. Nomad puts it in the <c>namespace</c> parameter's namespace whatever <c>Job.Namespace</c>
    /// says, so pass the job's own (null: the client's).
    /// </summary>
    [Post("/v1/jobs")]
    Task<JobRegisterResponse> RegisterJobAsync([AliasAs("namespace")] string? @namespace, [Body] JobRegisterRequest request, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}")]
    Task<IApiResponse<Job>> GetJobAsync(string jobId, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>
    /// Stops the job; with <paramref name="purge"/> it is removed at once instead of at garbage collection. A job that
    /// is not there (in that namespace) is no error to Nomad: the answer names no evaluation.
    /// </summary>
    [Delete("/v1/job/{jobId}")]
    Task<JobRegisterResponse> DeregisterJobAsync(string jobId, [AliasAs("namespace")] string? @namespace, bool? purge, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}/allocations")]
    Task<IApiResponse<List<AllocationListStub>>> GetJobAllocationsAsync(string jobId, [AliasAs("namespace")] string? @namespace, bool? all, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}/summary")]
    Task<IApiResponse<JobSummary>> GetJobSummaryAsync(string jobId, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}/deployments")]
    Task<IApiResponse<List<Deployment>>> GetJobDeploymentsAsync(string jobId, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>The latest deployment, or null when the job never had one.</summary>
    [Get("/v1/job/{jobId}/deployment")]
    Task<Deployment?> GetJobLatestDeploymentAsync(string jobId, [AliasAs("namespace")] string? @namespace, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}/versions")]
    Task<JobVersionsResponse> GetJobVersionsAsync(string jobId, [AliasAs("namespace")] string? @namespace, bool? diffs, CancellationToken cancellationToken);

    [Get("/v1/job/{jobId}/scale")]
    Task<JobScaleStatus> GetJobScaleStatusAsync(string jobId, [AliasAs("namespace")] string? @namespace, CancellationToken cancellationToken);

    [Post("/v1/job/{jobId}/scale")]
    Task<JobRegisterResponse> ScaleTaskGroupAsync(string jobId, [AliasAs("namespace")] string? @namespace, [Body] ScalingRequest request, CancellationToken cancellationToken);

    [Post("/v1/job/{jobId}/revert")]
    Task<JobRegisterResponse> RevertJobAsync(string jobId, [AliasAs("namespace")] string? @namespace, [Body] JobRevertRequest request, CancellationToken cancellationToken);

    /// <summary>The job's service registrations; 404 <c>job not found</c> when the job is not in that namespace.</summary>
    [Get("/v1/job/{jobId}/services")]
    Task<IApiResponse<List<ServiceRegistration>>> GetJobServicesAsync(string jobId, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/allocations")]
    Task<IApiResponse<List<AllocationListStub>>> GetAllocationsAsync([AliasAs("namespace")] string? @namespace, string? prefix, [AliasAs("task_states")] bool? taskStates, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/allocation/{allocId}")]
    Task<IApiResponse<Allocation>> GetAllocationAsync(string allocId, ulong? index, string? wait, CancellationToken cancellationToken);

    [Post("/v1/allocation/{allocId}/stop")]
    Task<AllocStopResponse> StopAllocationAsync(string allocId, CancellationToken cancellationToken);

    [Post("/v1/client/allocation/{allocId}/restart")]
    Task RestartAllocationAsync(string allocId, [Body] AllocRestartRequest request, CancellationToken cancellationToken);

    [Get("/v1/client/allocation/{allocId}/stats")]
    Task<AllocResourceUsage> GetAllocationStatsAsync(string allocId, CancellationToken cancellationToken);

    /// <summary>
    /// The Nomad-native service checks of an allocation by check ID, as its client last ran them; null when it has
    /// none (no checks, not started, or stopped: Nomad purges them). Not a blocking query. The allocation ID is global
    /// (no namespace); the path is the Go client's (<c>/v1/allocation/:id/checks</c> reaches the same handler).
    /// </summary>
    [Get("/v1/client/allocation/{allocId}/checks")]
    Task<Dictionary<string, AllocCheckStatus>?> GetAllocationChecksAsync(string allocId, CancellationToken cancellationToken);

    /// <summary>
    /// The services an allocation registered. Unlike reading the allocation, this looks in a namespace: pass the
    /// allocation's (null: the client's), or Nomad answers 404 <c>allocation not found</c>.
    /// </summary>
    [Get("/v1/allocation/{allocId}/services")]
    Task<IApiResponse<List<ServiceRegistration>>> GetAllocationServicesAsync(string allocId, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/client/stats")]
    Task<HostStats> GetClientStatsAsync([AliasAs("node_id")] string? nodeId, CancellationToken cancellationToken);

    /// <summary>Service names and tags: one entry per namespace that has services (<see cref="Namespace.All"/>: all).</summary>
    [Get("/v1/services")]
    Task<IApiResponse<List<ServiceRegistrationListStub>>> GetServicesAsync([AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>Every instance of a service in one namespace; an unknown name gives <c>[]</c>, and so does <c>*</c>.</summary>
    [Get("/v1/service/{serviceName}")]
    Task<IApiResponse<List<ServiceRegistration>>> GetServiceAsync(string serviceName, [AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/deployments")]
    Task<IApiResponse<List<Deployment>>> GetDeploymentsAsync([AliasAs("namespace")] string? @namespace, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>The namespaces the token holds any capability in (an anonymous token may get none), by name.</summary>
    [Get("/v1/namespaces")]
    Task<IApiResponse<List<Namespace>>> GetNamespacesAsync(string? prefix, ulong? index, string? wait, CancellationToken cancellationToken);

    /// <summary>One namespace; 404 <c>Namespace not found</c>, or 403 when the token has no capability in it.</summary>
    [Get("/v1/namespace/{name}")]
    Task<IApiResponse<Namespace>> GetNamespaceAsync(string name, ulong? index, string? wait, CancellationToken cancellationToken);

    [Get("/v1/acl/token/self")]
    Task<AclToken> GetSelfTokenAsync(CancellationToken cancellationToken);
}
