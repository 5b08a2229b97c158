using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>Allocations of the whole cluster, of one job, or of one task group.</summary>
internal sealed class AllocationsScreen(string? jobId, string? group = null) : Screen
{
    public override string Title => jobId is null ? "Allocations" : group is null ? "Allocations of " + jobId : $"Allocations of {jobId}/{group}";

    public override string Command => "allocs";

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("ID", 8), new("NAME", 30, Flexible: true), new("NODE", 16), new("DESIRED", 8), new("STATUS", 8),
        new("HEALTHY", 7), new("VERSION", 7, AlignRight: true), new("AGE", 5, AlignRight: true),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data) =>
        data.Snapshot.Allocations
            .Where(a => (jobId is null || a.JobID == jobId) && (group is null || a.TaskGroup == group))
            .OrderBy(a => a.DesiredStatus != "run").ThenBy(a => a.Name, StringComparer.Ordinal).ThenByDescending(a => a.CreateIndex)
            .Select(a => new ScreenRow(a.ID,
                [CellText.ShortId(a.ID), a.Name, a.NodeName, a.DesiredStatus, a.ClientStatus,
                 CellText.Healthy(a.DeploymentStatus?.Healthy),
                 CellText.Number((long)a.JobVersion), CellText.Age(CellText.FromNanoseconds(a.CreateTime), data.Now)],
                ClusterFacts.AllocationTone(a.ClientStatus, a.DesiredStatus), new AllocationTarget(a.ID, a.Name)))
            .ToList();
}
