using System.Collections.Immutable;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>Allocations of the whole cluster, of one job, or of one task group.</summary>
/// <param name="jobNamespace">The job's namespace (job IDs repeat across namespaces); ignored without a job.</param>
internal sealed class AllocationsScreen(string? jobId, string jobNamespace = "default", string? group = null) : Screen
{
    public override string Title(ScreenData data) => jobId is null ? "Allocations" : group is null ? "Allocations of " + jobId : $"Allocations of {jobId}/{group}";

    public override TargetKinds Targets => TargetKinds.Allocation;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("ID", 8), new("NAME", 30, Flexible: true, MinWidth: 12), new("NAMESPACE", 12, Priority: 4, HideWhenUniform: true), new("NODE", 16, Priority: 1), new("DESIRED", 8, Priority: 2), new("STATUS", 8),
        new("HEALTHY", 7, Priority: 2), new("VERSION", 7, AlignRight: true, Priority: 3), new("AGE", 5, AlignRight: true, Priority: 3),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) =>
        AllocationFacts.InListOrder(AllocationFacts.Of(data.Snapshot, jobId, jobNamespace, group))
            .Select(a => new ScreenRow(a.ID,
                [CellText.ShortId(a.ID), a.Name, a.Namespace, a.NodeName, a.DesiredStatus, a.ClientStatus, AllocationFacts.Healthy(a),
                 CellText.Number((long)a.JobVersion), CellText.Age(CellText.FromNanoseconds(a.CreateTime), data.Now)],
                ClusterFacts.AllocationTone(a.ClientStatus, a.DesiredStatus), new AllocationTarget(a.ID, a.Name)))
            .ToList();
}
