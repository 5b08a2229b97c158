namespace Styx.Demo.Model;

/// <summary>Allocation operations: stop (the scheduler places a replacement) and restart of tasks in place.</summary>
internal sealed partial class DemoCluster
{
    /// <summary>Finds an allocation by full ID or unique prefix.</summary>
    internal DemoAllocation? FindAllocation(string id)
    {
        if (Allocations.TryGetValue(id, out var allocation))
        {
            return allocation;
        }

        var matches = Allocations.Values.Where(a => a.Id.StartsWith(id, StringComparison.Ordinal)).Take(2).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary><c>POST /v1/allocation/:id/stop</c>: stops it and lets the scheduler replace it elsewhere if it can.</summary>
    public (string EvalId, ulong Index) StopAllocationById(string id) => Write(() =>
    {
        var allocation = FindAllocation(id) ?? throw DemoApiException.NotFound("allocation not found");
        StopAllocation(allocation, "alloc was stopped by the operator");
        if (Jobs.TryGetValue(allocation.JobKey, out var job))
        {
            Reconcile(job, "alloc not needed due to job update");
            var replacement = AllocationsOf(job).Where(a => a.TaskGroup == allocation.TaskGroup && a.IsLive && a.CreateIndex == allocation.ModifyIndex).FirstOrDefault();
            allocation.NextAllocation = replacement?.Id;
        }

        return (Ids.Next(), allocation.ModifyIndex);
    });

    /// <summary>
    /// <c>POST /v1/client/allocation/:id/restart</c>: restarts one task, or all of them, in place. The errors are the
    /// client's RPC texts (cluster-apis.md §1.2).
    /// </summary>
    public void RestartAllocation(string id, string? task, bool allTasks) => Write(() =>
    {
        var allocation = FindAllocation(id) ?? throw DemoApiException.NotFound($"Unknown allocation \"{id}\"");
        if (allocation.ClientStatus != "running" || allocation.DesiredStatus != "run")
        {
            throw new DemoApiException(500, "Task not running");
        }

        IEnumerable<DemoTaskState> targets;
        if (!string.IsNullOrEmpty(task))
        {
            targets = [allocation.TaskStates.GetValueOrDefault(task) ?? throw new DemoApiException(500, $"Failed to restart task \"{task}\": task not found")];
        }
        else
        {
            targets = allTasks ? allocation.TaskStates.Values : allocation.TaskStates.Values.Where(s => s.State == "running");
        }

        var now = Now;
        foreach (var state in targets)
        {
            state.Add(new DemoTaskEvent("Restart Signaled", NowNanos, "User requested restart", RestartReason: "User requested restart"));
            state.Add(new DemoTaskEvent("Terminated", NowNanos, "Exit Code: 0"));
            state.Add(new DemoTaskEvent("Restarting", NowNanos, "Task restarting in 0s", RestartReason: "User requested restart"));
            state.State = "pending";
            state.Restarts++;
            state.LastRestart = now;
        }

        TouchAllocation(allocation, "AllocationUpdated");
    });
}
