using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Facts;

/// <summary>What Styx says about a node (a Mac), the same in <c>ssh styx nodes</c> and on the Nodes screen.</summary>
internal static class NodeFacts
{
    /// <summary>Nodes a system job is placed on: ready and eligible.</summary>
    public static int SchedulableCount(ClusterSnapshot snapshot) =>
        snapshot.Nodes.Count(n => n.Status == "ready" && n.SchedulingEligibility == "eligible");

    /// <summary>Allocations meant to run on the node now: running, or pending to start.</summary>
    public static int LiveAllocations(ClusterSnapshot snapshot, string nodeId) =>
        snapshot.Allocations.Count(a => a.NodeID == nodeId && AllocationFacts.IsLive(a));

    /// <summary>Live allocations per node ID, counted once for a whole table.</summary>
    public static IReadOnlyDictionary<string, int> LiveAllocationsByNode(ClusterSnapshot snapshot) =>
        snapshot.Allocations.Where(AllocationFacts.IsLive).GroupBy(a => a.NodeID).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public static string Drain(NodeListStub node) => node.Drain ? "yes" : "no";

    /// <summary>The node class, or "-" for none.</summary>
    public static string Class(NodeListStub node) => node.NodeClass.Length == 0 ? "-" : node.NodeClass;
}
