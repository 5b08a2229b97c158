using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Facts;

/// <summary>
/// What Styx says about a job, the same in <c>ssh styx jobs</c> and on the Jobs screen (they once disagreed: exec
/// printed "stopping" and counted only failed allocations, the screen "stopped" and failed plus lost).
/// </summary>
internal static class JobFacts
{
    /// <summary>
    /// Nomad's status, except for a job told to stop: "stopping" while its allocations wind down, then "stopped"
    /// (Nomad itself says "dead" for a stopped job and for one whose batch work finished).
    /// </summary>
    public static string Status(JobListStub job) => job.Stop ? (job.Status == "dead" ? "stopped" : "stopping") : job.Status;

    /// <summary>Allocations by state from the job summary: running; pending (queued or starting); failed (failed or lost).</summary>
    public static JobCounts Counts(JobListStub job)
    {
        var groups = job.JobSummary?.Summary?.Values ?? [];
        long running = 0, pending = 0, failed = 0;
        foreach (var group in groups)
        {
            running += group.Running;
            pending += group.Starting + group.Queued;
            failed += group.Failed + group.Lost;
        }

        return new JobCounts(running, pending, failed);
    }

    /// <summary>
    /// How many allocations the job wants: none when stopped; for system jobs one per group on every ready, eligible
    /// node (their count is ignored); otherwise the sum of group counts. Null while the definition is being read.
    /// </summary>
    public static long? Desired(ClusterSnapshot snapshot, JobListStub job)
    {
        if (job.Stop)
        {
            return 0;
        }

        if (snapshot.Definition(job) is not { } definition)
        {
            return null;
        }

        return job.Type is "system" or "sysbatch"
            ? NodeFacts.SchedulableCount(snapshot) * (definition.TaskGroups?.Count ?? 0)
            : definition.TaskGroups?.Sum(g => (long)(g.Count ?? 0)) ?? 0;
    }

    /// <summary>The task group names, in order.</summary>
    public static IReadOnlyList<string> Groups(JobListStub job) =>
        [.. (job.JobSummary?.Summary?.Keys ?? []).Order(StringComparer.Ordinal)];
}

/// <summary>A job's allocations by state (see <see cref="JobFacts.Counts"/>).</summary>
internal readonly record struct JobCounts(long Running, long Pending, long Failed);
