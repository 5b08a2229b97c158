namespace Styx.Cluster.Commands;

/// <summary>Timing of the commands that wait on the cluster.</summary>
public sealed record ClusterCommandsOptions
{
    /// <summary>How long a rolling restart waits for one restarted allocation to be running and healthy again.</summary>
    public TimeSpan RestartHealthyTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The drain deadline after which remaining allocations are stopped (Nomad's CLI default is 1 h).</summary>
    public TimeSpan DrainDeadline { get; init; } = TimeSpan.FromHours(1);
}
