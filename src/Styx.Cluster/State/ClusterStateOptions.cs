namespace Styx.Cluster.State;

/// <summary>How <see cref="ClusterState"/> watches Nomad.</summary>
public sealed record ClusterStateOptions
{
    /// <summary>The blocking wait asked of Nomad; a quiet cluster costs one request per list per wait.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the leader is asked for (it has no blocking query).</summary>
    public TimeSpan LeaderInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often watched allocations' checks are read again (<see cref="ClusterState.WatchServices"/>): checks have no
    /// blocking query, and Nomad runs them every few seconds (10 s is the usual interval).
    /// </summary>
    public TimeSpan ChecksInterval { get; init; } = TimeSpan.FromSeconds(10);
}
