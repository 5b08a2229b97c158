using System.Collections.Immutable;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// One immutable view of the cluster as every session sees it. Each list is replaced whole when its blocking query
/// answers; nothing in a snapshot ever changes after it is published.
/// </summary>
/// <remarks>
/// <see cref="ClusterState"/> publishes every namespace the viewer's token may see (<see cref="Namespace"/> null); a
/// session looks at one with <see cref="InNamespace"/>. A job ID names a job only together with its namespace: look
/// definitions up with <see cref="Definition(string, string)"/>.
/// </remarks>
public sealed partial record ClusterSnapshot
{
    public static readonly ClusterSnapshot Empty = new();

    /// <summary>Increases by one with every published snapshot.</summary>
    public long Version { get; init; }

    /// <summary>The namespace this snapshot is a view of (<see cref="InNamespace"/>), or null when it holds them all.</summary>
    public string? Namespace { get; init; }

    /// <summary>The namespaces the viewer's token may see, by name; not narrowed by <see cref="InNamespace"/>.</summary>
    public ImmutableArray<Namespace> Namespaces { get; init; } = [];

    public ImmutableArray<JobListStub> Jobs { get; init; } = [];

    /// <summary>Nodes belong to no namespace: every view has them all.</summary>
    public ImmutableArray<NodeListStub> Nodes { get; init; } = [];

    public ImmutableArray<AllocationListStub> Allocations { get; init; } = [];

    public ImmutableArray<Deployment> Deployments { get; init; } = [];

    /// <summary>Service names with the union of their tags, from <see cref="ServiceLists"/> (a name may repeat across namespaces).</summary>
    public ImmutableArray<ServiceRegistrationStub> Services { get; init; } = [];

    /// <summary>Service names and tags per namespace, as <c>/v1/services</c> lists them.</summary>
    public ImmutableArray<ServiceRegistrationListStub> ServiceLists { get; init; } = [];

    /// <summary>
    /// Every service instance (address, port, allocation, node, tags) of the namespaces some session watches with
    /// <see cref="ClusterState.WatchServices"/>; empty otherwise (<see cref="ClusterLists.ServiceRegistrations"/>
    /// says whether it arrived).
    /// </summary>
    public ImmutableArray<ServiceRegistration> ServiceRegistrations { get; init; } = [];

    /// <summary>
    /// The Nomad-native check results of allocations, by namespace and then allocation ID, kept while some session
    /// watches services (<see cref="ClusterState.WatchServices"/>). Look them up with <see cref="ChecksOf(string, string)"/>.
    /// </summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>> Checks { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, AllocationChecks>>.Empty;

    /// <summary>
    /// The full definition of each job (task groups, resources, scaling bounds) by namespace and then job ID, read
    /// once per job version. It may lag the job list by one request; a job missing here is still being read. Look one
    /// up with <see cref="Definition(string, string)"/>.
    /// </summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, Job>> JobDefinitions { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, Job>>.Empty;

    /// <summary>The leader's RPC address, or null while unknown.</summary>
    public string? Leader { get; init; }

    /// <summary>Which lists have arrived at least once.</summary>
    public ClusterLists Loaded { get; init; }

    public ConnectionStatus Connection { get; init; } = ConnectionStatus.Connecting;

    /// <summary>When the newest data in this snapshot arrived.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Every list has arrived at least once.</summary>
    public bool IsComplete => (Loaded & ClusterLists.All) == ClusterLists.All;

    /// <summary>The definition of the job <paramref name="jobId"/> in <paramref name="namespace"/>, or null while it is being read.</summary>
    public Job? Definition(string @namespace, string jobId) =>
        JobDefinitions.TryGetValue(@namespace, out var jobs) && jobs.TryGetValue(jobId, out var job) ? job : null;

    /// <summary>
    /// The definition of the job <paramref name="jobId"/> in this view's namespace (<see cref="InNamespace"/>). Null in
    /// a snapshot of every namespace, where an ID alone names no job, and while the definition is being read.
    /// </summary>
    public Job? Definition(string jobId) => Namespace is { } ns ? Definition(ns, jobId) : null;

    public Job? Definition(JobListStub job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return Definition(job.Namespace, job.ID);
    }

    /// <summary>The definition of the job an allocation belongs to.</summary>
    public Job? Definition(AllocationListStub allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return Definition(allocation.Namespace, allocation.JobID);
    }

    /// <summary>An allocation's check results, or null when none are known (not watched, no checks, or not read yet).</summary>
    public AllocationChecks? ChecksOf(string @namespace, string allocationId) =>
        Checks.TryGetValue(@namespace, out var byAllocation) && byAllocation.TryGetValue(allocationId, out var checks) ? checks : null;

    public AllocationChecks? ChecksOf(AllocationListStub allocation)
    {
        ArgumentNullException.ThrowIfNull(allocation);
        return ChecksOf(allocation.Namespace, allocation.ID);
    }

    /// <summary>The check results of the allocation a service instance runs in, for that service only.</summary>
    public IEnumerable<AllocCheckStatus> ChecksOf(ServiceRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        return ChecksOf(registration.Namespace, registration.AllocID)?.Results.Where(c => c.Service == registration.ServiceName) ?? [];
    }
}

/// <summary>The lists a <see cref="ClusterSnapshot"/> holds.</summary>
[Flags]
public enum ClusterLists
{
    None = 0,
    Jobs = 1,
    Nodes = 2,
    Allocations = 4,
    Deployments = 8,
    Services = 16,
    Namespaces = 32,

    /// <summary>The lists every snapshot has once Nomad answered; <see cref="ClusterSnapshot.IsComplete"/> waits for them.</summary>
    All = Jobs | Nodes | Allocations | Deployments | Services | Namespaces,

    /// <summary>Kept only while a session watches services (<see cref="ClusterState.WatchServices"/>); not part of <see cref="All"/>.</summary>
    ServiceRegistrations = 64,

    /// <summary>Kept only while a session watches services; not part of <see cref="All"/>.</summary>
    Checks = 128,
}
