using Refit;

namespace Styx.Cluster.Nomad;

/// <summary>
/// The namespaced calls of <see cref="INomadApi"/> without the namespace: each addresses the client's configured one
/// (<c>NOMAD_NAMESPACE</c>, or Nomad's <c>default</c>), which <see cref="NomadRequestHandler"/> adds to every request
/// that names none. For code that works in one namespace; anything that may see another passes the namespace.
/// </summary>
public static class NomadApiInClientNamespace
{
    public static Task<IApiResponse<List<JobListStub>>> GetJobsAsync(this INomadApi api, string? prefix, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetJobsAsync(null, prefix, index, wait, cancellationToken);

    /// <summary>
    /// Registers the job in its own namespace (<c>Job.Namespace</c>), never in the client's: Nomad would otherwise
    /// move a job read from one namespace into another.
    /// </summary>
    public static Task<JobRegisterResponse> RegisterJobAsync(this INomadApi api, JobRegisterRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return api.RegisterJobAsync(request.Job.Namespace, request, cancellationToken);
    }

    public static Task<IApiResponse<Job>> GetJobAsync(this INomadApi api, string jobId, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetJobAsync(jobId, null, index, wait, cancellationToken);

    public static Task<JobRegisterResponse> DeregisterJobAsync(this INomadApi api, string jobId, bool? purge, CancellationToken cancellationToken) =>
        api.DeregisterJobAsync(jobId, null, purge, cancellationToken);

    public static Task<IApiResponse<List<AllocationListStub>>> GetJobAllocationsAsync(this INomadApi api, string jobId, bool? all, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetJobAllocationsAsync(jobId, null, all, index, wait, cancellationToken);

    public static Task<IApiResponse<JobSummary>> GetJobSummaryAsync(this INomadApi api, string jobId, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetJobSummaryAsync(jobId, null, index, wait, cancellationToken);

    public static Task<IApiResponse<List<Deployment>>> GetJobDeploymentsAsync(this INomadApi api, string jobId, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetJobDeploymentsAsync(jobId, null, index, wait, cancellationToken);

    public static Task<Deployment?> GetJobLatestDeploymentAsync(this INomadApi api, string jobId, CancellationToken cancellationToken) =>
        api.GetJobLatestDeploymentAsync(jobId, null, cancellationToken);

    public static Task<JobVersionsResponse> GetJobVersionsAsync(this INomadApi api, string jobId, bool? diffs, CancellationToken cancellationToken) =>
        api.GetJobVersionsAsync(jobId, null, diffs, cancellationToken);

    public static Task<JobScaleStatus> GetJobScaleStatusAsync(this INomadApi api, string jobId, CancellationToken cancellationToken) =>
        api.GetJobScaleStatusAsync(jobId, null, cancellationToken);

    public static Task<JobRegisterResponse> ScaleTaskGroupAsync(this INomadApi api, string jobId, ScalingRequest request, CancellationToken cancellationToken) =>
        api.ScaleTaskGroupAsync(jobId, null, request, cancellationToken);

    public static Task<JobRegisterResponse> RevertJobAsync(this INomadApi api, string jobId, JobRevertRequest request, CancellationToken cancellationToken) =>
        api.RevertJobAsync(jobId, null, request, cancellationToken);

    public static async Task<List<ServiceRegistration>> GetJobServicesAsync(this INomadApi api, string jobId, CancellationToken cancellationToken) =>
        (await api.GetJobServicesAsync(jobId, null, null, null, cancellationToken).ConfigureAwait(false)).Body();

    public static Task<IApiResponse<List<AllocationListStub>>> GetAllocationsAsync(this INomadApi api, string? prefix, bool? taskStates, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetAllocationsAsync(null, prefix, taskStates, index, wait, cancellationToken);

    public static Task<IApiResponse<List<ServiceRegistrationListStub>>> GetServicesAsync(this INomadApi api, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetServicesAsync(null, index, wait, cancellationToken);

    public static Task<IApiResponse<List<ServiceRegistration>>> GetServiceAsync(this INomadApi api, string serviceName, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetServiceAsync(serviceName, null, index, wait, cancellationToken);

    public static Task<IApiResponse<List<Deployment>>> GetDeploymentsAsync(this INomadApi api, ulong? index, string? wait, CancellationToken cancellationToken) =>
        api.GetDeploymentsAsync(null, index, wait, cancellationToken);
}
