using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// Where rows lead, and how a name typed after a <c>:</c> word finds what it names. The words themselves are in the
/// shell's command table.
/// </summary>
internal static class Navigation
{
    public static Screen? ScreenFor(RowTarget? target) => target switch
    {
        JobTarget job => new JobScreen(job.JobId, job.Namespace),
        GroupTarget group => new AllocationsScreen(group.JobId, group.Namespace, group.Group),
        AllocationTarget allocation => new AllocationScreen(allocation.AllocationId),
        NodeTarget node => new NodeScreen(node.NodeId),
        PlatformServiceTarget { JobId: { } jobId } service => new JobScreen(jobId, service.Namespace),
        ServiceTarget service => new AllocationScreen(service.AllocationId),
        _ => null,
    };

    /// <summary>A job by exact ID, or by name ignoring case (with every namespace in view, the first one found).</summary>
    public static JobListStub? FindJob(ClusterSnapshot snapshot, string name) =>
        snapshot.Jobs.FirstOrDefault(j => j.ID == name)
        ?? snapshot.Jobs.FirstOrDefault(j => string.Equals(j.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A node by name or ID prefix.</summary>
    public static string? FindNode(ClusterSnapshot snapshot, string name) =>
        snapshot.Nodes.FirstOrDefault(n => n.Name == name || n.ID.StartsWith(name, StringComparison.Ordinal))?.ID;

    /// <summary>An allocation by ID prefix or name.</summary>
    public static string? FindAllocation(ClusterSnapshot snapshot, string name) =>
        snapshot.Allocations.FirstOrDefault(a => a.ID.StartsWith(name, StringComparison.Ordinal) || a.Name == name)?.ID;
}
