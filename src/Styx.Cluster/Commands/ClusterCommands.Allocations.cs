using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Allocation commands: restart one, stop one, and the rolling restart of a whole job.</summary>
public sealed partial class ClusterCommands
{
    public Task<CommandResult> RestartAllocationAsync(Caller caller, string allocationId, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.AllocationRestart, AuditTarget.Allocation(allocationId), Args(("alloc", allocationId)), null, async (api, ct) =>
        {
            var allocation = await ReadAllocationAsync(api, allocationId, ct).ConfigureAwait(false);
            RequireRoleForJob(caller, ClusterAction.AllocationRestart, allocation.JobID);
            await api.RestartAllocationAsync(allocation.ID, new AllocRestartRequest(), ct).ConfigureAwait(false);
            return $"allocation {Short(allocation.ID)} ({allocation.Name}) restarting";
        }, cancellationToken);

    /// <summary>Stops one allocation; Nomad places a replacement if the job still wants it.</summary>
    public Task<CommandResult> StopAllocationAsync(Caller caller, string allocationId, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.AllocationStop, AuditTarget.Allocation(allocationId), Args(("alloc", allocationId)), null, async (api, ct) =>
        {
            var allocation = await ReadAllocationAsync(api, allocationId, ct).ConfigureAwait(false);
            RequireRoleForJob(caller, ClusterAction.AllocationStop, allocation.JobID);
            await api.StopAllocationAsync(allocation.ID, ct).ConfigureAwait(false);
            return $"allocation {Short(allocation.ID)} ({allocation.Name}) stopping";
        }, cancellationToken);

    /// <summary>
    /// Restarts a job's running allocations one at a time, each time waiting until the restarted allocation is running
    /// again and not unhealthy before the next, so the job never loses more than one instance. Stops at the first
    /// allocation that does not come back and says which.
    /// </summary>
    public Task<CommandResult> RollingRestartAsync(Caller caller, string jobId, IProgress<string>? progress, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.JobRestart, AuditTarget.Job(jobId), Args(("job", jobId)), jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
            var allocations = (await api.GetJobAllocationsAsync(jobId, null, null, null, ct).ConfigureAwait(false)).Body()
                .Where(a => a.DesiredStatus == "run" && a.ClientStatus == "running")
                .OrderBy(a => a.Name, StringComparer.Ordinal)
                .ToList();
            if (allocations.Count == 0)
            {
                throw CommandInputException.Invalid($"{jobId} has no running allocations to restart; `start {jobId}` starts it");
            }

            for (var i = 0; i < allocations.Count; i++)
            {
                var allocation = allocations[i];
                progress?.Report($"restarting {allocation.Name} ({i + 1}/{allocations.Count})");
                var before = (await api.GetAllocationAsync(allocation.ID, null, null, ct).ConfigureAwait(false)).Body();
                await api.RestartAllocationAsync(allocation.ID, new AllocRestartRequest(), ct).ConfigureAwait(false);
                await WaitUntilRestartedAsync(api, before, ct).ConfigureAwait(false);
            }

            return $"{jobId}: restarted {allocations.Count} allocation{(allocations.Count == 1 ? "" : "s")} one at a time";
        }, cancellationToken);

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

    private static async Task<Allocation> ReadAllocationAsync(INomadApi api, string allocationId, CancellationToken cancellationToken)
    {
        RequireName(allocationId, "allocation");
        try
        {
            return (await api.GetAllocationAsync(allocationId, null, null, cancellationToken).ConfigureAwait(false)).Body();
        }
        catch (NomadNotFoundException)
        {
            throw CommandInputException.NotFound($"no allocation \"{allocationId}\"; `allocs JOB` lists them");
        }
    }

    private static string Short(string id) => id.Length > 8 ? id[..8] : id;
}
