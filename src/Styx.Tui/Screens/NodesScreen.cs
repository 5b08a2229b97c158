using System.Collections.Immutable;
using Styx.Cluster.Metrics;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>Every node (a Mac): status, eligibility, drain, class, address, allocations and allocated share.</summary>
internal sealed class NodesScreen : Screen
{
    public override string Title(ScreenData data) => "Nodes";

    public override TargetKinds Targets => TargetKinds.Node;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("NAME", 24, Flexible: true, MinWidth: 10), new("STATUS", 8), new("ELIGIBLE", 10), new("DRAIN", 5, Priority: 2), new("CLASS", 10, Priority: 3),
        new("ADDRESS", 16, Priority: 4), new("ALLOCS", 6, AlignRight: true), new("CPU", 5, AlignRight: true, Priority: 1), new("MEM", 5, AlignRight: true, Priority: 1),
        new("CPU USE", 14, Priority: 2), new("MEM USE", 16, Priority: 2),
    ];

    public override IReadOnlyList<string> SparklineQueries => [SparklineCells.NodesCpu, SparklineCells.NodesMemory];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var live = NodeFacts.LiveAllocationsByNode(s);
        var allocated = ClusterFacts.AllocatedByNode(s);
        var cpuUse = SparklineCells.ByKey(data, SparklineCells.NodesCpu, SparklineCells.NodeKey);
        var memoryUse = SparklineCells.ByKey(data, SparklineCells.NodesMemory, SparklineCells.NodeKey);
        return s.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).Select(node =>
        {
            var (cpu, memory) = allocated.GetValueOrDefault(node.ID);
            var (cpuCapacity, memoryCapacity) = ClusterFacts.Capacity([node]);
            var tone = node.Status != "ready" ? RowTone.Bad : node.Drain || node.SchedulingEligibility != "eligible" ? RowTone.Warning : RowTone.Good;
            return new ScreenRow(node.ID,
                [node.Name, node.Status, node.SchedulingEligibility, NodeFacts.Drain(node), NodeFacts.Class(node),
                 node.Address, CellText.Number(live.GetValueOrDefault(node.ID)), CellText.Percent(cpu, cpuCapacity), CellText.Percent(memory, memoryCapacity),
                 SparklineCells.Cell(cpuUse.GetValueOrDefault(node.Name), MetricUnit.Percent, data.Now),
                 SparklineCells.Cell(memoryUse.GetValueOrDefault(node.Name), MetricUnit.Bytes, data.Now)],
                tone, new NodeTarget(node.ID, node.Name));
        }).ToList();
    }
}
