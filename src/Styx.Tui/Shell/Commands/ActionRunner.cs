using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Tui.Facts;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// How an action key goes from a press to Nomad: each target is checked with ClusterCommands.Authorize first (a
/// refusal is audited even when nothing is sent), the person confirms in a box naming the targets with Cancel
/// focused, then the commands run one after another off the UI thread and each outcome comes back to the message line.
/// </summary>
internal sealed class ActionRunner(IShell shell, ILogger logger)
{
    public const string ReadOnlyMessage = "READ-ONLY session: viewers cannot change the cluster";

    private Caller Caller => shell.Session.Caller;

    private bool ReadOnly => Caller.Role == Role.Viewer;

    public void Offer(IReadOnlyList<RowTarget> targets, string verb, string effect, ActionPlan plan)
    {
        var commands = shell.Session.Commands;
        var planned = targets.Select(t => (Target: t, Plan: plan(t, Caller, commands, shell.Stopping))).Where(p => p.Plan is not null).ToList();
        if (planned.Count == 0)
        {
            shell.Say(ReadOnly ? ReadOnlyMessage : $"{verb.ToLowerInvariant()} does not apply to this row; ? lists the keys here", error: true);
            return;
        }

        var refusals = new List<CommandResult>();
        var work = new List<(string Target, Func<Task<CommandResult>> Run)>();
        foreach (var (target, step) in planned)
        {
            if (commands.Authorize(Caller, step!.Value.Action, Audited(target), JobOf(target), NamespaceOf(target)) is { } refused)
            {
                refusals.Add(refused);
            }
            else
            {
                work.Add((Describe(target), step.Value.Run));
            }
        }

        if (work.Count == 0)
        {
            shell.Say(ReadOnly ? ReadOnlyMessage : refusals[0].Message, error: true);
            return;
        }

        var title = work.Count == 1 ? $"{verb} {work[0].Target}?" : $"{verb} {work.Count} targets?";
        var lines = new List<string> { $"This {effect}:" };
        lines.AddRange(work.Take(8).Select(w => "  " + w.Target));
        if (work.Count > 8)
        {
            lines.Add($"  … and {work.Count - 8} more");
        }

        shell.ShowOverlay(new ConfirmOverlay(title, lines, verb), () => Run(verb, work));
    }

    public void OfferScale(RowTarget? target)
    {
        var (jobId, group, ns) = target switch
        {
            JobTarget job => (job.JobId, (string?)null, job.Namespace),
            GroupTarget g => (g.JobId, g.Group, g.Namespace),
            AllocationTarget a when shell.Snapshot.Allocations.FirstOrDefault(x => x.ID == a.AllocationId) is { } stub => (stub.JobID, stub.TaskGroup, stub.Namespace),
            _ => (null, null, "default"),
        };
        if (jobId is null)
        {
            shell.Say(ReadOnly ? ReadOnlyMessage : "scale works on a job, task group or allocation row", error: true);
            return;
        }

        var commands = shell.Session.Commands;
        if (commands.Authorize(Caller, ClusterAction.JobScale, group is null ? AuditTarget.Job(ns, jobId) : AuditTarget.Group(ns, jobId, group), jobId, ns) is { } refused)
        {
            shell.Say(ReadOnly ? ReadOnlyMessage : refused.Message, error: true);
            return;
        }

        if (shell.Snapshot.Definition(ns, jobId)?.TaskGroups is not { Count: > 0 } groups)
        {
            shell.Say($"the definition of {jobId} is still loading; try again in a moment", error: true);
            return;
        }

        var overlay = new ScaleOverlay(jobId, [.. groups.Select(g => new ScalableGroup(g.Name, g.Count ?? 0, g.Scaling?.Min, g.Scaling?.Max))], group);
        var caller = Caller;
        var ct = shell.Stopping;
        shell.ShowOverlay(overlay, () => Run("Scale", [($"{jobId}/{overlay.Current.Name} to {overlay.NewCount}",
            () => commands.ScaleAsync(caller, ns, jobId, overlay.Current.Name, overlay.NewCount, ct))]));
    }

    /// <summary>Runs the commands one after another off the UI thread and reports each outcome on the message line.</summary>
    private void Run(string verb, IReadOnlyList<(string Target, Func<Task<CommandResult>> Run)> work)
    {
        var action = verb.ToLowerInvariant();
        shell.Say($"{action}: {string.Join(", ", work.Select(w => w.Target))} …");
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
                    logger.LogError(ex, "{Verb} {Target} failed unexpectedly", verb, target);
                    result = new CommandResult(CommandOutcome.Failed, "internal error (" + ex.GetType().Name + "); the server log has the details");
                }

                if (!result.Succeeded)
                {
                    failures.Add($"{target}: {result.Message}");
                }
                else if (work.Count == 1)
                {
                    shell.Post(() => shell.Say($"✓ {action} {target}: {result.Message}"));
                    return;
                }
            }

            shell.Post(() => shell.Say(failures.Count == 0
                ? $"✓ {action}: all {work.Count} done"
                : $"✗ {action}: {work.Count - failures.Count} of {work.Count} done; {string.Join("; ", failures)}",
                error: failures.Count > 0));
        });
    }

    private static string Describe(RowTarget target) => target switch
    {
        JobTarget job => "job " + job.JobId + (job.Namespace == "default" ? "" : "@" + job.Namespace),
        AllocationTarget allocation => $"allocation {allocation.Name} ({CellText.ShortId(allocation.AllocationId)})",
        NodeTarget node => "node " + node.Name,
        PlatformServiceTarget service => "platform service " + service.Name,
        GroupTarget group => $"group {group.JobId}/{group.Group}",
        _ => target.ToString(),
    };

    /// <summary>The target as ClusterCommands names it in the audit log for the same command.</summary>
    private static string Audited(RowTarget target) => target switch
    {
        JobTarget job => AuditTarget.Job(job.Namespace, job.JobId),
        AllocationTarget allocation => AuditTarget.Allocation(allocation.AllocationId),
        NodeTarget node => AuditTarget.Node(node.NodeId),
        PlatformServiceTarget service => AuditTarget.PlatformService(service.Name),
        GroupTarget group => AuditTarget.Group(group.Namespace, group.JobId, group.Group),
        _ => target.ToString(),
    };

    /// <summary>The namespace of a target's job (allocation IDs are global: Nomad finds their namespace itself).</summary>
    private static string? NamespaceOf(RowTarget target) => target switch
    {
        JobTarget job => job.Namespace,
        GroupTarget group => group.Namespace,
        PlatformServiceTarget service => service.Namespace,
        _ => null,
    };

    /// <summary>The Nomad job a target acts on, so ClusterCommands can tell a platform service's job (admin) from an application job.</summary>
    private string? JobOf(RowTarget target) => target switch
    {
        JobTarget job => job.JobId,
        GroupTarget group => group.JobId,
        AllocationTarget allocation => shell.Snapshot.Allocations.FirstOrDefault(a => a.ID == allocation.AllocationId)?.JobID,
        _ => null,
    };
}
