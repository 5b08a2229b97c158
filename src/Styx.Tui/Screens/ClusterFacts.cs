using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>
/// Figures several screens derive from a snapshot (allocated resources, capacity) and the tones they show states in.
/// The words and counts exec prints too live in <see cref="Facts"/>.
/// </summary>
internal static class ClusterFacts
{
    /// <summary>CPU (MHz) and memory (MiB) the running allocations asked for, from their jobs' task resources.</summary>
    public static (long CpuMhz, long MemoryMiB) Allocated(ClusterSnapshot snapshot, Func<AllocationListStub, bool>? where = null)
    {
        long cpu = 0, memory = 0;
        foreach (var allocation in snapshot.Allocations.Where(a => AllocationFacts.IsLive(a) && (where is null || where(a))))
        {
            var (c, m) = Asked(snapshot, allocation);
            cpu += c;
            memory += m;
        }

        return (cpu, memory);
    }

    /// <summary>The same per node, in one pass over the allocations (the Nodes screen of a thousand Macs asks for all).</summary>
    public static IReadOnlyDictionary<string, (long CpuMhz, long MemoryMiB)> AllocatedByNode(ClusterSnapshot snapshot)
    {
        var byNode = new Dictionary<string, (long CpuMhz, long MemoryMiB)>(StringComparer.Ordinal);
        foreach (var allocation in snapshot.Allocations.Where(AllocationFacts.IsLive))
        {
            var (c, m) = Asked(snapshot, allocation);
            var (cpu, memory) = byNode.GetValueOrDefault(allocation.NodeID);
            byNode[allocation.NodeID] = (cpu + c, memory + m);
        }

        return byNode;
    }

    private static (long CpuMhz, long MemoryMiB) Asked(ClusterSnapshot snapshot, AllocationListStub allocation)
    {
        long cpu = 0, memory = 0;
        foreach (var task in snapshot.Definition(allocation)?.TaskGroups?.FirstOrDefault(g => g.Name == allocation.TaskGroup)?.Tasks ?? [])
        {
            cpu += task.Resources?.CPU ?? 0;
            memory += task.Resources?.MemoryMB ?? 0;
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
