using System.Collections.Immutable;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// One immutable view of the cluster as every session sees it. Each list is replaced whole when its blocking query
/// answers; nothing in a snapshot ever changes after it is published.
/// </summary>
public sealed record ClusterSnapshot
{
    public static readonly ClusterSnapshot Empty = new();

    /// <summary>Increases by one with every published snapshot.</summary>
    public long Version { get; init; }

    public ImmutableArray<JobListStub> Jobs { get; init; } = [];

    public ImmutableArray<NodeListStub> Nodes { get; init; } = [];

    public ImmutableArray<AllocationListStub> Allocations { get; init; } = [];

    public ImmutableArray<Deployment> Deployments { get; init; } = [];

    public ImmutableArray<ServiceRegistrationStub> Services { get; init; } = [];

    /// <summary>
    /// The full definition of each job by ID (task groups, resources, scaling bounds), read once per job version.
    /// It may lag the job list by one request; a job missing here is still being read.
    /// </summary>
    public ImmutableDictionary<string, Job> JobDefinitions { get; init; } = ImmutableDictionary<string, Job>.Empty;

    /// <summary>The leader's RPC address, or null while unknown.</summary>
    public string? Leader { get; init; }

    /// <summary>Which lists have arrived at least once.</summary>
    public ClusterLists Loaded { get; init; }

    public ConnectionStatus Connection { get; init; } = ConnectionStatus.Connecting;

    /// <summary>When the newest data in this snapshot arrived.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Every list has arrived at least once.</summary>
    public bool IsComplete => Loaded == ClusterLists.All;
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
    All = Jobs | Nodes | Allocations | Deployments | Services,
}
