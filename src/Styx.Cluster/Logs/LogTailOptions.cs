namespace Styx.Cluster.Logs;

/// <summary>Sizes of the log pipeline (configuration <c>logs:*</c>).</summary>
public sealed record LogTailOptions
{
    /// <summary>Lines one session holds per Logs screen or <c>logs --follow</c>; older ones are dropped and counted.</summary>
    public int SessionLines { get; init; } = 10_000;

    /// <summary>Recent lines a shared tail keeps, so a session that joins a tail already open starts with them.</summary>
    public int TailBacklogLines { get; init; } = 1_000;

    /// <summary>How much of the end of a task's log a new Nomad tail reads first (Nomad has no per-line time, so bytes).</summary>
    public int NomadBacklogBytes { get; init; } = 64 * 1024;

}
