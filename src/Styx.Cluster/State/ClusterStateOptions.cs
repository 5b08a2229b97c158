namespace Styx.Cluster.State;

/// <summary>How <see cref="ClusterState"/> watches Nomad.</summary>
public sealed record ClusterStateOptions
{
    /// <summary>The blocking wait asked of Nomad; a quiet cluster costs one request per list per wait.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the leader is asked for (it has no blocking query).</summary>
    public TimeSpan LeaderInterval { get; init; } = TimeSpan.FromSeconds(30);
}
