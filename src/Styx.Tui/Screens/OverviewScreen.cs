using System.Collections.Immutable;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Tui.Facts;

namespace Styx.Tui.Screens;

/// <summary>
/// Cluster health at a glance: leader, nodes, jobs and allocations by status, CPU and memory allocated against
/// capacity, platform-service health and the latest failures. Each line leads to the screen behind it.
/// </summary>
internal sealed class OverviewScreen : Screen
{
    public override string Title(ScreenData data) => "Overview";

    /// <summary>Platform-service lines act like the Platform services screen's rows; failures like allocations.</summary>
    public override TargetKinds Targets => TargetKinds.PlatformService | TargetKinds.Allocation;

    public override ImmutableArray<Column> Columns { get; } = [new("WHAT", 16), new("STATE", 90, Flexible: true)];

    public override IReadOnlyList<string> SparklineQueries => [SparklineCells.ClusterCpu, SparklineCells.ClusterMemory];

    public override IReadOnlyList<ScreenRow> Rows(ScreenData data)
    {
        var s = data.Snapshot;
        var rows = new List<ScreenRow>();
        var ready = s.Nodes.Count(n => n.Status == "ready");
        var ineligible = s.Nodes.Count(n => n.SchedulingEligibility == "ineligible");
        var draining = s.Nodes.Count(n => n.Drain);
        rows.Add(new ScreenRow("leader", ["Leader", s.Leader ?? "unknown"], s.Leader is null ? RowTone.Bad : RowTone.Normal));
        rows.Add(new ScreenRow("nodes", ["Nodes", $"{ready}/{s.Nodes.Length} ready, {ineligible} ineligible, {draining} draining"],
            ready == s.Nodes.Length ? RowTone.Good : RowTone.Warning, new ScreenTarget(() => new NodesScreen())));
        rows.Add(new ScreenRow("jobs", ["Jobs", ByStatus(s.Jobs.Select(JobFacts.Status))],
            s.Jobs.Any(j => !j.Stop && j.Status == "pending") ? RowTone.Warning : RowTone.Normal, new ScreenTarget(() => new JobsScreen())));
        rows.Add(new ScreenRow("allocs", ["Allocations", ByStatus(s.Allocations.Select(a => a.ClientStatus))],
            s.Allocations.Any(a => a.ClientStatus == "failed" && a.DesiredStatus == "run") ? RowTone.Warning : RowTone.Normal,
            new ScreenTarget(() => new AllocationsScreen(null))));
        var (cpu, memory) = ClusterFacts.Allocated(s);
        var (cpuCapacity, memoryCapacity) = ClusterFacts.Capacity(s.Nodes);
        rows.Add(new ScreenRow("cpu", ["CPU", $"{CellText.Mhz(cpu)} allocated of {CellText.Mhz(cpuCapacity)} ({CellText.Percent(cpu, cpuCapacity)}) · used {Used(data, SparklineCells.ClusterCpu, MetricUnit.Percent)}"], Load(cpu, cpuCapacity)));
        rows.Add(new ScreenRow("memory", ["Memory", $"{CellText.MiB(memory)} allocated of {CellText.MiB(memoryCapacity)} ({CellText.Percent(memory, memoryCapacity)}) · used {Used(data, SparklineCells.ClusterMemory, MetricUnit.Bytes)}"], Load(memory, memoryCapacity)));
        rows.Add(ScreenRow.Section("Platform services"));
        foreach (var service in data.Catalog.Services)
        {
            var (state, running, tone) = ClusterFacts.ServiceState(data.AllNamespaces, service);
            rows.Add(new ScreenRow("svc/" + service.Name, [service.Name, service.JobId is null ? state : $"{state} ({running} running)"], tone,
                new PlatformServiceTarget(service.Name, service.JobId, service.JobNamespace)));
        }

        rows.Add(ScreenRow.Section("Recent failures"));
        var failures = s.Allocations
            .Where(a => a.ClientStatus is "failed" or "lost")
            .OrderByDescending(a => a.ModifyTime)
            .Take(5)
            .ToList();
        if (failures.Count == 0)
        {
            rows.Add(new ScreenRow("no-failures", ["", "none"], RowTone.Muted));
        }

        foreach (var failure in failures)
        {
            var when = CellText.Age(CellText.FromNanoseconds(failure.ModifyTime), data.Now);
            var why = failure.TaskStates?.Values.SelectMany(t => t.Events ?? []).LastOrDefault(e => e.FailsTask || e.Type is "Terminated" or "Driver Failure")?.DisplayMessage
                ?? failure.ClientDescription ?? failure.ClientStatus;
            rows.Add(new ScreenRow("fail/" + failure.ID, [when + " ago", $"{failure.Name} on {failure.NodeName}: {why}"], RowTone.Bad,
                new AllocationTarget(failure.ID, failure.Name)));
        }

        return rows;
    }

    /// <summary>The cluster-wide sparkline of one query (its single series), or a dash without Prometheus.</summary>
    private static string Used(ScreenData data, string name, MetricUnit unit) =>
        SparklineCells.Cell(data.Metrics?.GetValueOrDefault(name)?.Result?.Series.FirstOrDefault(), unit, data.Now);

    private static RowTone Load(long used, long capacity) =>
        capacity <= 0 ? RowTone.Muted : used > capacity * 0.9 ? RowTone.Bad : used > capacity * 0.75 ? RowTone.Warning : RowTone.Normal;

    private static string ByStatus(IEnumerable<string> statuses)
    {
        var counts = statuses.GroupBy(s => s).OrderByDescending(g => g.Count()).Select(g => $"{g.Count()} {g.Key}").ToList();
        return counts.Count == 0 ? "none" : string.Join(", ", counts);
    }
}
