using System.Collections.Immutable;
using System.Globalization;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>
/// One job: its task groups with running/desired/healthy counts and scaling bounds, its allocations, deployments and
/// versions, and a line that opens the definition as JSON.
/// </summary>
/// <param name="jobNamespace">The job's Nomad namespace (job IDs repeat across namespaces).</param>
internal sealed class JobScreen(string jobId, string jobNamespace = "default") : Screen
{
    public string JobId => jobId;

    public string Namespace => jobNamespace;

    public override string Title(ScreenData data) => "Job " + jobId + (jobNamespace == "default" ? "" : " @" + jobNamespace);

    public override TargetKinds Targets => TargetKinds.Job | TargetKinds.Group | TargetKinds.Allocation;

    public override ImmutableArray<Column> Columns { get; } =
        [new("NAME", 28), new("STATUS", 12), new("RUNNING", 8, AlignRight: true), new("DESIRED", 8, AlignRight: true),
         new("HEALTHY", 8, AlignRight: true), new("DETAIL", 60, Flexible: true)];

    /// <summary>The Jobs table's queries, this job's row picked out: every session on any job's detail shares them.</summary>
    public override IReadOnlyList<string> SparklineQueries => [SparklineCells.JobsCpu, SparklineCells.JobsMemory];

    /// <summary>The versions, read again whenever the job changes.</summary>
    public override DetailRequest? Detail(ClusterSnapshot snapshot) =>
        Find(snapshot) is { } job
            ? new DetailRequest($"versions/{jobNamespace}/{jobId}@{job.JobModifyIndex.ToString(CultureInfo.InvariantCulture)}",
                async (state, ct) => await state.GetJobVersionsAsync(jobNamespace, jobId, ct).ConfigureAwait(false))
            : null;

    private JobListStub? Find(ClusterSnapshot snapshot) => snapshot.Jobs.FirstOrDefault(j => j.ID == jobId && j.Namespace == jobNamespace);

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var rows = new List<ScreenRow>();
        var job = Find(s);
        if (job is null)
        {
            rows.Add(new ScreenRow("missing", [jobId, "not found", "", "", "", "the job is gone (purged?); esc goes back"], RowTone.Bad));
            return rows;
        }

        var definition = s.Definition(job);
        var versions = data.DetailAs<JobVersionsResponse>();
        var allocations = AllocationFacts.Of(s, jobId, jobNamespace).ToList();
        var deployments = s.Deployments.Where(d => d.JobID == jobId && d.Namespace == jobNamespace).ToList();
        var latest = deployments.OrderByDescending(d => d.CreateIndex).FirstOrDefault();
        rows.Add(new ScreenRow("summary",
            [job.Name, JobFacts.Status(job), "", "", "",
             $"{job.Type}, priority {job.Priority}, version {(definition is null ? "…" : CellText.Number((long)definition.Version))}, submitted {CellText.Age(CellText.FromNanoseconds(job.SubmitTime), data.Now)} ago"],
            ClusterFacts.JobTone(job), new JobTarget(jobId, jobNamespace)));
        var row = jobNamespace + "/" + jobId;
        rows.Add(new ScreenRow("usage",
            ["CPU and memory used", "last hour", "", "", "",
             $"CPU {SparklineCells.Cell(data, SparklineCells.JobsCpu, SparklineCells.JobKey, row, MetricUnit.Percent)} · memory {SparklineCells.Cell(data, SparklineCells.JobsMemory, SparklineCells.JobKey, row, MetricUnit.Bytes)}"]));

        rows.Add(ScreenRow.Section("Task groups"));
        var groups = definition?.TaskGroups?.Select(g => g.Name) ?? job.JobSummary?.Summary?.Keys ?? [];
        foreach (var group in groups.Order(StringComparer.Ordinal))
        {
            var spec = definition?.TaskGroups?.FirstOrDefault(g => g.Name == group);
            var running = allocations.Count(a => a.TaskGroup == group && a.ClientStatus == "running" && a.DesiredStatus == "run");
            var healthy = latest?.TaskGroups?.GetValueOrDefault(group)?.HealthyAllocs
                ?? allocations.Count(a => a.TaskGroup == group && a.DeploymentStatus?.Healthy == true && a.DesiredStatus == "run");
            var desired = job.Stop ? 0 : job.Type is "system" or "sysbatch" ? NodeFacts.SchedulableCount(s) : spec?.Count;
            var bounds = spec?.Scaling is { } scaling ? $"scaling {scaling.Min ?? 0}..{(scaling.Max is { } max ? CellText.Number(max) : "∞")}" : "no scaling block";
            var tasks = spec?.Tasks is { } t ? string.Join(",", t.Select(x => $"{x.Name} {x.Resources?.CPU ?? 0}MHz/{x.Resources?.MemoryMB ?? 0}MiB")) : "";
            var tone = desired is { } d && running < d ? RowTone.Warning : RowTone.Good;
            rows.Add(new ScreenRow("group/" + group,
                [group, running == desired ? "ok" : "converging", CellText.Number(running), desired is null ? "…" : CellText.Number(desired.Value), CellText.Number(healthy), $"{bounds}; {tasks}"],
                tone, new GroupTarget(jobId, group, jobNamespace)));
        }

        rows.Add(ScreenRow.Section("Allocations"));
        foreach (var allocation in AllocationFacts.InListOrder(allocations))
        {
            rows.Add(new ScreenRow("alloc/" + allocation.ID,
                [allocation.Name, allocation.ClientStatus, "", "", AllocationFacts.Healthy(allocation),
                 $"{CellText.ShortId(allocation.ID)} on {allocation.NodeName}, desired {allocation.DesiredStatus}, {CellText.Age(CellText.FromNanoseconds(allocation.CreateTime), data.Now)} old"],
                ClusterFacts.AllocationTone(allocation.ClientStatus, allocation.DesiredStatus), new AllocationTarget(allocation.ID, allocation.Name)));
        }

        rows.Add(ScreenRow.Section("Deployments"));
        foreach (var deployment in deployments.OrderByDescending(d => d.CreateIndex).Take(5))
        {
            var placed = deployment.TaskGroups?.Values.Sum(g => g.PlacedAllocs) ?? 0;
            var total = deployment.TaskGroups?.Values.Sum(g => g.DesiredTotal) ?? 0;
            var healthyAllocs = deployment.TaskGroups?.Values.Sum(g => g.HealthyAllocs) ?? 0;
            rows.Add(new ScreenRow("deploy/" + deployment.ID,
                [CellText.ShortId(deployment.ID), deployment.Status, CellText.Number(placed), CellText.Number(total), CellText.Number(healthyAllocs),
                 $"version {deployment.JobVersion}: {deployment.StatusDescription}"],
                deployment.Status switch { "successful" => RowTone.Good, "failed" => RowTone.Bad, "running" => RowTone.Warning, _ => RowTone.Muted }));
        }

        rows.Add(ScreenRow.Section("Versions"));
        if (data.DetailError is { } error)
        {
            rows.Add(new ScreenRow("versions-error", ["versions", "unavailable", "", "", "", error], RowTone.Bad));
        }

        foreach (var version in versions?.Versions?.Take(5) ?? [])
        {
            rows.Add(new ScreenRow("version/" + version.Version,
                ["version " + CellText.Number((long)version.Version), version.Stable ? "stable" : "unstable", "", "", "",
                 $"submitted {CellText.Age(CellText.FromNanoseconds(version.SubmitTime), data.Now)} ago{(version.Stop ? ", stopped" : "")}"],
                version.Stable ? RowTone.Normal : RowTone.Muted));
        }

        rows.Add(ScreenRow.Section("Services"));
        rows.Add(new ScreenRow("services", ["services", "", "", "", "", "enter lists the job's Nomad service registrations with their tags and checks"],
            RowTone.Normal, new ScreenTarget(() => new NomadServicesScreen(jobId, jobNamespace))));

        rows.Add(ScreenRow.Section("Definition"));
        rows.Add(new ScreenRow("definition", ["definition (JSON)", definition is null ? "loading" : "", "", "", "", "enter shows the job as Nomad holds it"],
            RowTone.Normal, new ScreenTarget(() => new JobDefinitionScreen(jobId, jobNamespace))));
        return rows;
    }

    /// <summary>The summary row stands for this job (for action keys); enter on it stays here.</summary>
    public override Screen? Open(ScreenRow row) => row.Target is JobTarget job && job.JobId == jobId && job.Namespace == jobNamespace ? null : base.Open(row);

    public override IEnumerable<(string Key, string What)> HelpKeys =>
    [
        ("enter", "on a group: its allocations; on an allocation: its tasks; on definition: the JSON"),
    ];
}
