using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>Every node (a Mac): status, eligibility, drain, class, address, allocations and allocated share.</summary>
internal sealed class NodesScreen : Screen
{
    public override string Title => "Nodes";

    public override string Command => "nodes";

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("NAME", 24, Flexible: true), new("STATUS", 8), new("ELIGIBLE", 10), new("DRAIN", 5), new("CLASS", 10),
        new("ADDRESS", 16), new("ALLOCS", 6, AlignRight: true), new("CPU", 5, AlignRight: true), new("MEM", 5, AlignRight: true),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        return s.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(node =>
        {
            var allocations = ClusterFacts.Live(s).Count(a => a.NodeID == node.ID);
            var (cpu, memory) = ClusterFacts.Allocated(s, a => a.NodeID == node.ID);
            var (cpuCapacity, memoryCapacity) = ClusterFacts.Capacity([node]);
            var tone = node.Status != "ready" ? RowTone.Bad : node.Drain || node.SchedulingEligibility != "eligible" ? RowTone.Warning : RowTone.Good;
            return new ScreenRow(node.ID,
                [node.Name, node.Status, node.SchedulingEligibility, node.Drain ? "yes" : "no", node.NodeClass.Length == 0 ? "-" : node.NodeClass,
                 node.Address, CellText.Number(allocations), CellText.Percent(cpu, cpuCapacity), CellText.Percent(memory, memoryCapacity)],
                tone, new NodeTarget(node.ID, node.Name));
        }).ToList();
    }
}
