using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Allocation commands: restart one, stop one, and the rolling restart of a whole job.</summary>
public sealed partial class ClusterCommands
{
    /// <summary>
    /// Restarts an allocation's tasks in place. An allocation ID is global; a <paramref name="namespace"/> given (the
    /// one the person is looking at) must be the allocation's, so an ID typed in one namespace cannot reach another;
    /// null or <c>*</c> takes it wherever it is.
    /// </summary>
    public Task<CommandResult> RestartAllocationAsync(Caller caller, string? @namespace, string allocationId, CancellationToken cancellationToken)
    {
        @namespace = @namespace == Namespace.All ? null : @namespace;
        string? learned = null;
        return RunAsync(caller, ClusterAction.AllocationRestart, AuditTarget.Allocation(allocationId), WithNamespace(Args(("alloc", allocationId)), @namespace), @namespace, null, async (api, ct) =>
        {
            var allocation = await ReadAllocationAsync(api, @namespace, allocationId, ct).ConfigureAwait(false);
            learned = allocation.Namespace;
            RequireRoleForJob(caller, ClusterAction.AllocationRestart, allocation.Namespace, allocation.JobID);
            await api.RestartAllocationAsync(allocation.ID, new AllocRestartRequest(), ct).ConfigureAwait(false);
            return $"allocation {Short(allocation.ID)} ({allocation.Name}) restarting";
        }, cancellationToken, () => learned);
    }

    public Task<CommandResult> RestartAllocationAsync(Caller caller, string allocationId, CancellationToken cancellationToken) =>
        RestartAllocationAsync(caller, null, allocationId, cancellationToken);

    /// <summary>Stops one allocation; Nomad places a replacement if the job still wants it. The namespace works as for a restart.</summary>
    public Task<CommandResult> StopAllocationAsync(Caller caller, string? @namespace, string allocationId, CancellationToken cancellationToken)
    {
        @namespace = @namespace == Namespace.All ? null : @namespace;
        string? learned = null;
        return RunAsync(caller, ClusterAction.AllocationStop, AuditTarget.Allocation(allocationId), WithNamespace(Args(("alloc", allocationId)), @namespace), @namespace, null, async (api, ct) =>
        {
            var allocation = await ReadAllocationAsync(api, @namespace, allocationId, ct).ConfigureAwait(false);
            learned = allocation.Namespace;
            RequireRoleForJob(caller, ClusterAction.AllocationStop, allocation.Namespace, allocation.JobID);
            await api.StopAllocationAsync(allocation.ID, ct).ConfigureAwait(false);
            return $"allocation {Short(allocation.ID)} ({allocation.Name}) stopping";
        }, cancellationToken, () => learned);
    }

    public Task<CommandResult> StopAllocationAsync(Caller caller, string allocationId, CancellationToken cancellationToken) =>
        StopAllocationAsync(caller, null, allocationId, cancellationToken);

    /// <summary>
    /// Restarts a job's running allocations one at a time, each time waiting until the restarted allocation is running
    /// again and not unhealthy before the next, so the job never loses more than one instance. Stops at the first
    /// allocation that does not come back and says which.
    /// </summary>
    public Task<CommandResult> RollingRestartAsync(Caller caller, string? @namespace, string jobId, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return RunAsync(caller, ClusterAction.JobRestart, AuditTarget.Job(ns, jobId), WithNamespace(Args(("job", jobId)), ns), ns, jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            await ReadJobAsync(api, ns, jobId, ct).ConfigureAwait(false);
            var allocations = (await api.GetJobAllocationsAsync(jobId, ns, null, null, null, ct).ConfigureAwait(false)).Body()
                .Where(a => a.DesiredStatus == "run" && a.ClientStatus == "running")
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ToList();
            if (allocations.Count == 0)
            {
                throw CommandInputException.Invalid($"{Named(ns, jobId)} has no running allocations to restart; `start {jobId}` starts it");
            }

            for (var i = 0; i < allocations.Count; i++)
            {
                var allocation = allocations[i];
                progress?.Report($"restarting {allocation.Name} ({i + 1}/{allocations.Count})");
                var before = (await api.GetAllocationAsync(allocation.ID, null, null, ct).ConfigureAwait(false)).Body();
                await api.RestartAllocationAsync(allocation.ID, new AllocRestartRequest(), ct).ConfigureAwait(false);
                await WaitUntilRestartedAsync(api, before, ct).ConfigureAwait(false);
            }

            return $"{Named(ns, jobId)}: restarted {allocations.Count} allocation{(allocations.Count == 1 ? "" : "s")} one at a time";
        }, cancellationToken);
    }

    public Task<CommandResult> RollingRestartAsync(Caller caller, string jobId, IProgress<string>? progress, CancellationToken cancellationToken) =>
        RollingRestartAsync(caller, null, jobId, progress, cancellationToken);

    /// <summary>Blocks (with blocking queries) until every task has restarted and is running, and health is not false.</summary>
    private async Task WaitUntilRestartedAsync(INomadApi api, Allocation before, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.RestartHealthyTimeout);
        var restartsBefore = before.TaskStates?.ToDictionary(t => t.Key, t => t.Value.Restarts) ?? [];
        var index = before.ModifyIndex;
        try
        {
            while (true)
            {
                var response = await api.GetAllocationAsync(before.ID, index, "10s", deadline.Token).ConfigureAwait(false);
                var allocation = response.Body();
                index = Math.Max(response.NomadIndex(), 1);
                if (allocation.ClientStatus is "failed" or "complete" or "lost" || allocation.DeploymentStatus?.Healthy == false)
                {
                    throw new CommandInputException(CommandOutcome.Failed, $"{allocation.Name} did not come back after its restart ({allocation.ClientStatus}); stopped the rolling restart there");
                }

                var states = allocation.TaskStates ?? new Dictionary<string, TaskState>();
                var restarted = states.All(t => t.Value.Restarts > restartsBefore.GetValueOrDefault(t.Key) && t.Value.State == "running");
                if (restarted && allocation.ClientStatus == "running")
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandInputException(CommandOutcome.Failed, $"{before.Name} was not running again within {options.RestartHealthyTimeout.TotalSeconds:0} s; stopped the rolling restart there");
        }
    }

    /// <summary>Reads an allocation (its ID is global) and, when a namespace is given, requires it to be there.</summary>
    private static async Task<Allocation> ReadAllocationAsync(INomadApi api, string? @namespace, string allocationId, CancellationToken cancellationToken)
    {
        RequireName(allocationId, "allocation");
        Allocation allocation;
        try
        {
            allocation = (await api.GetAllocationAsync(allocationId, null, null, cancellationToken).ConfigureAwait(false)).Body();
        }
        catch (NomadNotFoundException)
        {
            throw CommandInputException.NotFound($"no allocation \"{allocationId}\"; `allocs JOB` lists them");
        }

        return @namespace is null || allocation.Namespace == @namespace
            ? allocation
            : throw CommandInputException.NotFound($"no allocation \"{allocationId}\" in namespace \"{@namespace}\"; it belongs to {allocation.Namespace}");
    }

    private static string Short(string id) => id.Length > 8 ? id[..8] : id;
}
