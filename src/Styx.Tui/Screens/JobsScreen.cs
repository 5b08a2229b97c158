using System.Collections.Immutable;
using Styx.Cluster.Metrics;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>Every job: type, status, running/desired allocations, failures and groups. Rows can be marked.</summary>
internal sealed class JobsScreen : Screen
{
    public override string Title(ScreenData data) => "Jobs";

    public override TargetKinds Targets => TargetKinds.Job;

    public override bool AllowsMarks => true;

    public override ImmutableArray<Column> Columns { get; } =
    [
        new("NAME", 30, Flexible: true, MinWidth: 12), new("NAMESPACE", 12, Priority: 4, HideWhenUniform: true), new("TYPE", 8, Priority: 2), new("STATUS", 8), new("RUNNING", 8, AlignRight: true),
        new("DESIRED", 8, AlignRight: true), new("FAILED", 7, AlignRight: true, Priority: 1), new("GROUPS", 24, Priority: 3),
        new("CPU USE", 14, Priority: 2), new("MEM USE", 16, Priority: 2),
    ];

    public override IReadOnlyList<string> SparklineQueries => [SparklineCells.JobsCpu, SparklineCells.JobsMemory];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var cpuUse = SparklineCells.ByKey(data, SparklineCells.JobsCpu, SparklineCells.JobKey);
        var memoryUse = SparklineCells.ByKey(data, SparklineCells.JobsMemory, SparklineCells.JobKey);
        return s.Jobs.OrderBy(j => j.Name, StringComparer.Ordinal).Select(job =>
        {
            var counts = JobFacts.Counts(job);
            var desired = JobFacts.Desired(s, job);
            return new ScreenRow(job.Namespace + "/" + job.ID,
                [job.Name, job.Namespace, job.Type, JobFacts.Status(job), CellText.Number(counts.Running), desired is { } d ? CellText.Number(d) : "…",
                 CellText.Number(counts.Failed), string.Join(",", JobFacts.Groups(job)),
                 SparklineCells.Cell(cpuUse.GetValueOrDefault(job.Namespace + "/" + job.ID), MetricUnit.Percent, data.Now),
                 SparklineCells.Cell(memoryUse.GetValueOrDefault(job.Namespace + "/" + job.ID), MetricUnit.Bytes, data.Now)],
                ClusterFacts.JobTone(job), new JobTarget(job.ID, job.Namespace));
        }).ToList();
    }

    public override IEnumerable<(string Key, string What)> HelpKeys =>
    [
        ("enter", "the job's groups, allocations, deployments, versions"),
    ];
}
