using Styx.Cluster.Metrics;
using Styx.Tui.Screens;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// <c>m</c>, which opens the Metrics screen for a node, job, task group, allocation or platform-service row,
/// <c>:metrics [PROMQL]</c>, and the Metrics screen's own keys (DESIGN.md §6): the range <c>1</c>–<c>5</c>, the next
/// and previous graph, the cursor, the instant table and editing the query. Each key is defined here once.
/// </summary>
internal static class MetricCommands
{
    private const TargetKinds Here = TargetKinds.MetricGraph;

    public static IEnumerable<ShellCommand> All =>
    [
        new()
        {
            Keys = ["m"], Help = "metrics of the selected node, job, group, allocation or platform service", Hint = true,
            Targets = TargetKinds.Node | TargetKinds.Job | TargetKinds.Group | TargetKinds.Allocation | TargetKinds.PlatformService,
            Run = (s, _) =>
            {
                if (ForRow(s.Top.Table.SelectedRow?.Target) is { } screen)
                {
                    s.Open(screen);
                }
                else
                {
                    s.Say("m opens the metrics of a node, job, task group, allocation or platform-service row", error: true);
                }
            },
        },
        new()
        {
            Words = ["metrics", "m"], Argument = "PROMQL", ArgumentOptional = true,
            Help = "graphs of the selected row's metrics (or the cluster's); with PROMQL, that expression graphed",
            Run = (s, expression) => s.Open(string.IsNullOrWhiteSpace(expression)
                ? ForRow(s.Top.Table.SelectedRow?.Target) ?? ForScreen(s.Top.Screen, s.Snapshot) ?? Cluster()
                : new MetricsScreen(expression.Trim(), null, new MetricSubject(), expression.Trim())),
        },
        .. MetricRange.All.Select((range, i) => new ShellCommand
        {
            Keys = [(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)], Targets = Here, Help = "graphs over the last " + range.Name,
            Run = (s, _) => View(s, v =>
            {
                v.SetRange(range);
                s.Say("last " + range.Name);
            }),
        }),
        new() { Keys = ["j", "Down", "Tab"], Targets = Here, Help = "next graph", Run = (s, _) => View(s, v => v.Select(+1)) },
        new() { Keys = ["k", "Up"], Targets = Here, Help = "previous graph", Run = (s, _) => View(s, v => v.Select(-1)) },
        new() { Keys = ["Left"], Targets = Here, Help = "cursor back in time: each series' value at that time", Run = (s, _) => View(s, v => v.MoveCursor(-1)) },
        new() { Keys = ["Right"], Targets = Here, Help = "cursor forward in time", Run = (s, _) => View(s, v => v.MoveCursor(+1)) },
        new()
        {
            Keys = ["t"], Targets = Here, Help = ":metrics PROMQL: the instant vector as a table / the range as a graph",
            Run = (s, _) => View(s, v =>
            {
                if (v.Screen.Expression is null)
                {
                    s.Say("t shows a typed expression's instant vector; :metrics PROMQL types one", error: true);
                    return;
                }

                v.ToggleInstant();
                s.Say(v.Instant ? "instant vector: t graphs the range again" : "range graph: t shows the instant vector");
            }),
        },
        new()
        {
            Keys = ["e"], Targets = Here, Hint = true, Help = "edit the selected graph's PromQL at the : prompt",
            Run = (s, _) => View(s, v => s.OpenPrompt(PromptMode.Command, "metrics " + v.Current?.PromQL)),
        },
    ];

    private static MetricsScreen Cluster() => new("cluster", MetricScope.Cluster, new MetricSubject());

    private static MetricsScreen? ForRow(RowTarget? row) => row switch
    {
        NodeTarget node => new MetricsScreen("node " + node.Name, MetricScope.Node, new MetricSubject(Node: node.Name)),
        JobTarget job => new MetricsScreen("job " + job.JobId, MetricScope.Job, new MetricSubject(Job: job.JobId, Namespace: job.Namespace)),
        GroupTarget group => new MetricsScreen($"group {group.JobId}/{group.Group}", MetricScope.Group,
            new MetricSubject(Job: group.JobId, Group: group.Group, Namespace: group.Namespace)),
        AllocationTarget allocation => new MetricsScreen("allocation " + allocation.Name, MetricScope.Allocation, new MetricSubject(Allocation: allocation.AllocationId)),
        PlatformServiceTarget service => new MetricsScreen("service " + service.Name, MetricScope.Service,
            new MetricSubject(Service: service.Name, Job: service.JobId, Namespace: service.Namespace)),
        _ => null,
    };

    /// <summary>A detail screen's own subject: <c>:metrics</c> on a node's or job's screen graphs that node or job.</summary>
    private static MetricsScreen? ForScreen(Screen screen, Styx.Cluster.State.ClusterSnapshot snapshot) => screen switch
    {
        NodeScreen node when snapshot.Nodes.FirstOrDefault(n => n.ID == node.NodeId) is { } found => ForRow(new NodeTarget(found.ID, found.Name)),
        JobScreen job => ForRow(new JobTarget(job.JobId, job.Namespace)),
        _ => null,
    };

    private static void View(IShell shell, Action<MetricsView> change)
    {
        if (shell.Top.Metrics is { } view)
        {
            change(view);
            shell.TableChanged();
        }
    }
}
