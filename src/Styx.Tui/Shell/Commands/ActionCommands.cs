using Styx.Cluster.Access;
using Styx.Cluster.Commands;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// The action keys: capital letters, each through ClusterCommands (which checks the role and audits), each asking
/// first with Cancel as the default. T, X and R act on every marked row when rows are marked. Each letter is defined
/// here once, with the targets it acts on and the role it needs, so help and hints show it only where it applies
/// and to roles that may use it; pressed anyway, ClusterCommands refuses it and the refusal is audited.
/// </summary>
internal static class ActionCommands
{
    public static IEnumerable<ShellCommand> All =>
    [
        new()
        {
            Keys = ["S"], Help = "scale a task group (job, group or allocation row)", Words = ["scale"], Hint = true,
            Targets = TargetKinds.Job | TargetKinds.Group | TargetKinds.Allocation, Action = ClusterAction.JobScale,
            Run = (s, _) => s.Actions.OfferScale(s.Top.Table.SelectedRow?.Target),
        },
        new()
        {
            Keys = ["T"], Help = "start a job or platform service (marked rows too)", Words = ["start"],
            Targets = TargetKinds.Job | TargetKinds.PlatformService, Action = ClusterAction.JobStart,
            Run = (s, _) => s.Actions.Offer(Targets(s, marked: true), "Start", "starts", (target, caller, commands, ct) => target switch
            {
                JobTarget job => (ClusterAction.JobStart, () => commands.StartJobAsync(caller, job.Namespace, job.JobId, ct)),
                PlatformServiceTarget service => (ClusterAction.PlatformServiceStart, () => commands.StartPlatformServiceAsync(caller, service.Name, ct)),
                _ => null,
            }),
        },
        new()
        {
            Keys = ["X"], Help = "stop a job, allocation or platform service (marked rows too)", Words = ["stop"], Hint = true,
            Targets = TargetKinds.Job | TargetKinds.Allocation | TargetKinds.PlatformService, Action = ClusterAction.JobStop,
            Run = (s, _) => s.Actions.Offer(Targets(s, marked: true), "Stop", "stops", (target, caller, commands, ct) => target switch
            {
                JobTarget job => (ClusterAction.JobStop, () => commands.StopJobAsync(caller, job.Namespace, job.JobId, false, ct)),
                AllocationTarget allocation => (ClusterAction.AllocationStop, () => commands.StopAllocationAsync(caller, allocation.AllocationId, ct)),
                PlatformServiceTarget service => (ClusterAction.PlatformServiceStop, () => commands.StopPlatformServiceAsync(caller, service.Name, ct)),
                _ => null,
            }),
        },
        new()
        {
            Keys = ["R"], Help = "restart: a job rolling, one allocation at a time; or one allocation", Words = ["restart"],
            Targets = TargetKinds.Job | TargetKinds.Allocation, Action = ClusterAction.JobRestart,
            Run = (s, _) => s.Actions.Offer(Targets(s, marked: true), "Restart", "restarts", (target, caller, commands, ct) => target switch
            {
                JobTarget job => (ClusterAction.JobRestart, () => commands.RollingRestartAsync(caller, job.Namespace, job.JobId, new Progress<string>(p => s.Post(() => s.Say(p))), ct)),
                AllocationTarget allocation => (ClusterAction.AllocationRestart, () => commands.RestartAllocationAsync(caller, allocation.AllocationId, ct)),
                _ => null,
            }),
        },
        new()
        {
            Keys = ["P"], Help = "stop and purge a job", Words = ["purge"], Targets = TargetKinds.Job, Action = ClusterAction.JobPurge,
            Run = (s, _) => s.Actions.Offer(Targets(s, marked: false), "Purge", "stops and purges (the job and its history are deleted)", (target, caller, commands, ct) => target switch
            {
                JobTarget job => (ClusterAction.JobPurge, () => commands.StopJobAsync(caller, job.Namespace, job.JobId, true, ct)),
                _ => null,
            }),
        },
        new()
        {
            Keys = ["D"], Help = "drain a node on / off", Words = ["drain"], Targets = TargetKinds.Node, Action = ClusterAction.NodeDrain,
            Run = (s, _) =>
            {
                var draining = s.Top.Table.SelectedRow?.Target is NodeTarget n && s.Snapshot.Nodes.FirstOrDefault(x => x.ID == n.NodeId)?.Drain == true;
                s.Actions.Offer(Targets(s, marked: false), draining ? "Undrain" : "Drain", draining ? "stops draining" : "drains (its allocations move elsewhere)", (target, caller, commands, ct) => target switch
                {
                    NodeTarget node => (ClusterAction.NodeDrain, () => commands.DrainNodeAsync(caller, node.NodeId, !draining, ct)),
                    _ => null,
                });
            },
        },
        new()
        {
            Keys = ["E"], Help = "node scheduling eligibility on / off", Words = ["eligibility"], Targets = TargetKinds.Node, Action = ClusterAction.NodeEligibility,
            Run = (s, _) =>
            {
                var eligible = s.Top.Table.SelectedRow?.Target is NodeTarget n && s.Snapshot.Nodes.FirstOrDefault(x => x.ID == n.NodeId)?.SchedulingEligibility == "eligible";
                s.Actions.Offer(Targets(s, marked: false), eligible ? "Make ineligible" : "Make eligible", eligible ? "takes out of scheduling" : "opens for scheduling", (target, caller, commands, ct) => target switch
                {
                    NodeTarget node => (ClusterAction.NodeEligibility, () => commands.SetEligibilityAsync(caller, node.NodeId, !eligible, ct)),
                    _ => null,
                });
            },
        },
    ];

    /// <summary>The marked rows' targets when <paramref name="marked"/> and rows are marked; otherwise the selected row's.</summary>
    private static IReadOnlyList<RowTarget> Targets(IShell shell, bool marked)
    {
        var table = shell.Top.Table;
        if (marked && table.Marks.Count > 0)
        {
            return [.. table.MarkedRows().Select(r => r.Target).OfType<RowTarget>()];
        }

        return table.SelectedRow?.Target is { } target ? [target] : [];
    }
}

/// <summary>What an action does to one target: the action it is checked as, and the command that does it.</summary>
internal delegate (ClusterAction Action, Func<Task<CommandResult>> Run)? ActionPlan(RowTarget target, Caller caller, ClusterCommands commands, CancellationToken cancellationToken);
