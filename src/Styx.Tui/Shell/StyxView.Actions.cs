using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Tui.Screens;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>
/// Actions on capital letters, each through ClusterCommands (which checks the role again and audits): S scale,
/// T start, X stop, P purge, R restart (rolling for a job), D drain on/off, E eligibility on/off. T, R and X act on
/// every marked row when rows are marked (bring everything back after an outage). Keys the role may not use are not
/// shown (a viewer has none); pressed anyway, ClusterCommands refuses them and the refusal is audited.
/// </summary>
internal sealed partial class StyxView
{
    private IEnumerable<string> ActionHelp()
    {
        (string Key, string What, ClusterAction Action)[] all =
        [
            ("S", "scale a task group (job, group row)", ClusterAction.JobScale),
            ("T", "start a job or platform service (marked rows too)", ClusterAction.JobStart),
            ("X", "stop a job, allocation or platform service (marked rows too)", ClusterAction.JobStop),
            ("R", "restart: a job rolling, one allocation at a time; or one allocation", ClusterAction.JobRestart),
            ("P", "stop and purge a job", ClusterAction.JobPurge),
            ("D", "drain a node on / off", ClusterAction.NodeDrain),
            ("E", "node scheduling eligibility on / off", ClusterAction.NodeEligibility),
        ];
        return all.Where(a => RolePolicy.Allows(Caller.Role, a.Action)).Select(a => $"{a.Key,-7} {a.What}");
    }

    private bool TryAction(Key key)
    {
        var letter = (char)key.AsRune.Value;
        if (letter is not ('S' or 'T' or 'X' or 'R' or 'P' or 'D' or 'E'))
        {
            return false;
        }

        var state = Current;
        var row = SelectedRow(state);
        var marked = state.Marks.Count > 0 ? state.Rows.Where(r => state.Marks.Contains(r.Key)).Select(r => r.Target).ToList() : null;
        IReadOnlyList<RowTarget?> selected = [row?.Target];
        var targets = marked ?? selected;
        var ct = _stop.Token;
        var caller = Caller;
        var commands = _context.Commands;
        switch (letter)
        {
            case 'S':
                OfferScale(row?.Target);
                return true;
            case 'T':
                Offer(targets, "Start", "starts", target => target switch
                {
                    JobTarget job => (ClusterAction.JobStart, () => commands.StartJobAsync(caller, job.JobId, ct)),
                    PlatformServiceTarget service => (ClusterAction.PlatformServiceStart, () => commands.StartPlatformServiceAsync(caller, service.Name, ct)),
                    _ => null,
                });
                return true;
            case 'X':
                Offer(targets, "Stop", "stops", target => target switch
                {
                    JobTarget job => (ClusterAction.JobStop, () => commands.StopJobAsync(caller, job.JobId, false, ct)),
                    AllocationTarget allocation => (ClusterAction.AllocationStop, () => commands.StopAllocationAsync(caller, allocation.AllocationId, ct)),
                    PlatformServiceTarget service => (ClusterAction.PlatformServiceStop, () => commands.StopPlatformServiceAsync(caller, service.Name, ct)),
                    _ => null,
                });
                return true;
            case 'R':
                Offer(targets, "Restart", "restarts", target => target switch
                {
                    JobTarget job => (ClusterAction.JobRestart, () => commands.RollingRestartAsync(caller, job.JobId, new Progress<string>(p => App?.Invoke(() => Say(p))), ct)),
                    AllocationTarget allocation => (ClusterAction.AllocationRestart, () => commands.RestartAllocationAsync(caller, allocation.AllocationId, ct)),
                    _ => null,
                });
                return true;
            case 'P':
                Offer(selected, "Purge", "stops and purges (the job and its history are deleted)", target => target switch
                {
                    JobTarget job => (ClusterAction.JobPurge, () => commands.StopJobAsync(caller, job.JobId, true, ct)),
                    _ => null,
                });
                return true;
            case 'D':
                var draining = Draining(row);
                Offer(selected, draining ? "Undrain" : "Drain", draining ? "stops draining" : "drains (its allocations move elsewhere)", target => target switch
                {
                    NodeTarget node => (ClusterAction.NodeDrain, () => commands.DrainNodeAsync(caller, node.NodeId, !draining, ct)),
                    _ => null,
                });
                return true;
            default:
                var eligible = row?.Target is NodeTarget n && _snapshot.Nodes.FirstOrDefault(x => x.ID == n.NodeId)?.SchedulingEligibility == "eligible";
                Offer(selected, eligible ? "Make ineligible" : "Make eligible", eligible ? "takes out of scheduling" : "opens for scheduling", target => target switch
                {
                    NodeTarget node => (ClusterAction.NodeEligibility, () => commands.SetEligibilityAsync(caller, node.NodeId, !eligible, ct)),
                    _ => null,
                });
                return true;
        }
    }

    private const string ReadOnlyMessage = "READ-ONLY session: viewers cannot change the cluster";

    private bool Draining(ScreenRow? row) =>
        row?.Target is NodeTarget node && _snapshot.Nodes.FirstOrDefault(n => n.ID == node.NodeId)?.Drain == true;

    /// <summary>
    /// Asks first (Cancel focused, targets named), then runs the command for each target in turn. Each target names the
    /// action it needs, so a role is checked per target (a job and a platform service need different roles); targets
    /// the role may not touch are left out, and ClusterCommands checks again before any request.
    /// </summary>
    private void Offer(IReadOnlyList<RowTarget?> targets, string verb, string effect, Func<RowTarget, (ClusterAction Action, Func<Task<CommandResult>> Run)?> plan)
    {
        var planned = targets.OfType<RowTarget>().Select(t => (Target: t, Plan: plan(t))).Where(w => w.Plan is not null).ToList();
        if (planned.Count == 0)
        {
            Say(ReadOnly ? ReadOnlyMessage : $"{verb.ToLowerInvariant()} does not apply here; select a job, allocation, node or service row (? lists the keys)", error: true);
            return;
        }

        var refusals = new List<CommandResult>();
        var work = new List<(RowTarget Target, Func<Task<CommandResult>> Run)>();
        foreach (var (target, step) in planned)
        {
            if (_context.Commands.Authorize(Caller, step!.Value.Action, Audited(target), JobOf(target)) is { } refused)
            {
                refusals.Add(refused);
            }
            else
            {
                work.Add((target, step.Value.Run));
            }
        }

        if (work.Count == 0)
        {
            Say(ReadOnly ? ReadOnlyMessage : refusals[0].Message, error: true);
            return;
        }

        var names = work.Select(w => Describe(w.Target)).ToList();
        var title = work.Count == 1 ? $"{verb} {names[0]}?" : $"{verb} {work.Count} targets?";
        var lines = new List<string> { $"This {effect}:" };
        lines.AddRange(names.Take(8).Select(n => "  " + n));
        if (names.Count > 8)
        {
            lines.Add($"  … and {names.Count - 8} more");
        }

        _overlay = new ConfirmOverlay(title, lines, verb);
        _onAccept = () => RunCommands(verb, work.Select(w => (Describe(w.Target), w.Run)).ToList());
        SetNeedsDraw();
    }

    private void OfferScale(RowTarget? target)
    {
        var (jobId, group) = target switch
        {
            JobTarget job => (job.JobId, (string?)null),
            GroupTarget g => (g.JobId, g.Group),
            AllocationTarget a when _snapshot.Allocations.FirstOrDefault(x => x.ID == a.AllocationId) is { } stub => (stub.JobID, stub.TaskGroup),
            _ => (null, null),
        };
        if (jobId is null)
        {
            Say(ReadOnly ? ReadOnlyMessage : "scale works on a job, task group or allocation row", error: true);
            return;
        }

        if (_context.Commands.Authorize(Caller, ClusterAction.JobScale, group is null ? AuditTarget.Job(jobId) : AuditTarget.Group(jobId, group), jobId) is { } refused)
        {
            Say(ReadOnly ? ReadOnlyMessage : refused.Message, error: true);
            return;
        }

        if (_snapshot.Definition(jobId) is not { } definition || definition.TaskGroups is not { Count: > 0 } groups)
        {
            Say($"the definition of {jobId} is still loading; try again in a moment", error: true);
            return;
        }

        var scalable = groups.Select(g => new ScalableGroup(g.Name, g.Count ?? 0, g.Scaling?.Min, g.Scaling?.Max)).ToList();
        var overlay = new ScaleOverlay(jobId, scalable, group);
        var caller = Caller;
        var ct = _stop.Token;
        _overlay = overlay;
        _onAccept = () => RunCommands("Scale", [($"{jobId}/{overlay.Current.Name} to {overlay.NewCount}",
            () => _context.Commands.ScaleAsync(caller, jobId, overlay.Current.Name, overlay.NewCount, ct))]);
        SetNeedsDraw();
    }

    private string Describe(RowTarget target) => target switch
    {
        JobTarget job => "job " + job.JobId,
        AllocationTarget allocation => $"allocation {allocation.Name} ({CellText.ShortId(allocation.AllocationId)})",
        NodeTarget node => "node " + node.Name,
        PlatformServiceTarget service => "platform service " + service.Name,
        GroupTarget group => $"group {group.JobId}/{group.Group}",
        _ => target.ToString(),
    };

    /// <summary>The target as ClusterCommands names it in the audit log for the same command.</summary>
    private static string Audited(RowTarget target) => target switch
    {
        JobTarget job => AuditTarget.Job(job.JobId),
        AllocationTarget allocation => AuditTarget.Allocation(allocation.AllocationId),
        NodeTarget node => AuditTarget.Node(node.NodeId),
        PlatformServiceTarget service => AuditTarget.PlatformService(service.Name),
        GroupTarget group => AuditTarget.Group(group.JobId, group.Group),
        _ => target.ToString(),
    };

    /// <summary>The Nomad job a target acts on, so ClusterCommands can tell a platform service's job (admin) from an application job.</summary>
    private string? JobOf(RowTarget target) => target switch
    {
        JobTarget job => job.JobId,
        GroupTarget group => group.JobId,
        AllocationTarget allocation => _snapshot.Allocations.FirstOrDefault(a => a.ID == allocation.AllocationId)?.JobID,
        _ => null,
    };

    /// <summary>Runs the commands one after another off the UI thread and reports each outcome on the message line.</summary>
    private void RunCommands(string verb, IReadOnlyList<(string Target, Func<Task<CommandResult>> Run)> work)
    {
        var app = App;
        Say($"{verb.ToLowerInvariant()}: {string.Join(", ", work.Select(w => w.Target))} …");
        _ = Task.Run(async () =>
        {
            var failures = new List<string>();
            foreach (var (target, run) in work)
            {
                CommandResult result;
                try
                {
                    result = await run().ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // ClusterCommands turns every failure it knows into a result; anything else is a bug, said and logged, not lost.
                    _logger.LogError(ex, "{Verb} {Target} failed unexpectedly", verb, target);
                    result = new CommandResult(Cluster.Commands.CommandOutcome.Failed, "internal error (" + ex.GetType().Name + "); the server log has the details");
                }

                if (!result.Succeeded)
                {
                    failures.Add($"{target}: {result.Message}");
                }
                else if (work.Count == 1)
                {
                    app?.Invoke(() => Say($"✓ {verb.ToLowerInvariant()} {target}: {result.Message}"));
                    return;
                }
            }

            app?.Invoke(() => Say(failures.Count == 0
                ? $"✓ {verb.ToLowerInvariant()}: all {work.Count} done"
                : $"✗ {verb.ToLowerInvariant()}: {work.Count - failures.Count} of {work.Count} done; {string.Join("; ", failures)}",
                error: failures.Count > 0));
        });
    }
}
