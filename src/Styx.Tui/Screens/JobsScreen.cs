using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>Every job: type, status, running/desired allocations per job, and whether it was stopped. Rows can be marked.</summary>
internal sealed class JobsScreen : Screen
{
    public override string Title => "Jobs";

    public override string Command => "jobs";

    public override bool AllowsMarks => true;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("NAME", 30, Flexible: true), new("TYPE", 8), new("STATUS", 8), new("RUNNING", 8, AlignRight: true),
        new("DESIRED", 8, AlignRight: true), new("FAILED", 7, AlignRight: true), new("GROUPS", 24),
    ];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        return s.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(job =>
        {
            var summary = job.JobSummary?.Summary ?? ImmutableDictionary<string, Cluster.Nomad.TaskGroupSummary>.Empty;
            var running = summary.Values.Sum(g => g.Running);
            var failed = summary.Values.Sum(g => g.Failed + g.Lost);
            var desired = s.Definition(job) is { } definition
                ? CellText.Number(job.Stop ? 0 : job.Type is "system" or "sysbatch" ? ClusterFacts.SystemJobNodes(s) * (definition.TaskGroups?.Count ?? 0) : definition.TaskGroups?.Sum(g => g.Count ?? 0) ?? 0)
                : "…";
            return new ScreenRow(job.ID,
                [job.Name, job.Type, job.Stop ? "stopped" : job.Status, CellText.Number(running), desired, CellText.Number(failed), string.Join(",", summary.Keys.Order(StringComparer.Ordinal))],
                ClusterFacts.JobTone(job), new JobTarget(job.ID));
        }).ToList();
    }

    public override IEnumerable<(string Key, string What)> HelpKeys =>
    [
        ("enter", "the job's groups, allocations, deployments, versions"),
    ];
}
