using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>Figures several screens derive from a snapshot: group counts, allocated resources, platform-service state.</summary>
internal static class ClusterFacts
{
    /// <summary>Desired count of a group from the job's definition, when it has arrived.</summary>
    public static int? Desired(ClusterSnapshot snapshot, string jobId, string group) =>
        snapshot.Definition(jobId) is { } job ? job.TaskGroups?.FirstOrDefault(g => g.Name == group)?.Count : null;

    /// <summary>A system job runs one allocation per group on every ready, eligible node (its count is ignored).</summary>
    public static int SystemJobNodes(ClusterSnapshot snapshot) =>
        snapshot.Nodes.Count(n => n.Status == "ready" && n.SchedulingEligibility == "eligible");

    public static IEnumerable<AllocationListStub> Live(ClusterSnapshot snapshot) =>
        snapshot.Allocations.Where(a => a.ClientStatus is "running" or "pending" && a.DesiredStatus == "run");

    /// <summary>CPU (MHz) and memory (MiB) the running allocations asked for, from their jobs' task resources.</summary>
    public static (long CpuMhz, long MemoryMiB) Allocated(ClusterSnapshot snapshot, Func<AllocationListStub, bool>? where = null)
    {
        long cpu = 0, memory = 0;
        foreach (var allocation in Live(snapshot).Where(where ?? (_ => true)))
        {
            if (snapshot.Definition(allocation) is not { } job)
            {
                continue;
            }

            foreach (var task in job.TaskGroups?.FirstOrDefault(g => g.Name == allocation.TaskGroup)?.Tasks ?? [])
            {
                cpu += task.Resources?.CPU ?? 0;
                memory += task.Resources?.MemoryMB ?? 0;
            }
        }

        return (cpu, memory);
    }

    /// <summary>CPU (MHz) and memory (MiB) the nodes offer to jobs: their resources minus what they reserve.</summary>
    public static (long CpuMhz, long MemoryMiB) Capacity(IEnumerable<NodeListStub> nodes)
    {
        long cpu = 0, memory = 0;
        foreach (var node in nodes.Where(n => n.Status == "ready"))
        {
            cpu += (node.NodeResources?.Cpu?.CpuShares ?? 0) - (node.ReservedResources?.Cpu?.CpuShares ?? 0);
            memory += (node.NodeResources?.Memory?.MemoryMB ?? 0) - (node.ReservedResources?.Memory?.MemoryMB ?? 0);
        }

        return (cpu, memory);
    }

    /// <summary>The shared platform-service state with the tone a screen shows it in.</summary>
    public static (string State, int Running, RowTone Tone) ServiceState(ClusterSnapshot snapshot, PlatformService service)
    {
        var status = PlatformServiceStatus.Of(service, snapshot);
        var tone = status.State switch
        {
            "running" => RowTone.Good,
            "external" => RowTone.Muted,
            "stopped" or "degraded" => RowTone.Warning,
            _ => RowTone.Bad,
        };
        return (status.State, status.Running, tone);
    }

    public static RowTone JobTone(JobListStub job) => job.Stop ? RowTone.Muted : job.Status switch
    {
        "running" => job.JobSummary?.Summary?.Values.Any(g => g.Failed > 0 || g.Lost > 0) == true ? RowTone.Warning : RowTone.Good,
        "pending" => RowTone.Warning,
        "dead" => RowTone.Muted,
        _ => RowTone.Normal,
    };

    public static RowTone AllocationTone(string clientStatus, string desiredStatus) => clientStatus switch
    {
        "running" when desiredStatus == "run" => RowTone.Good,
        "pending" => RowTone.Warning,
        "failed" or "lost" => RowTone.Bad,
        _ => RowTone.Muted,
    };
}
