namespace Styx.Demo.Model;

/// <summary>
/// Simulated time: on each tick allocations move pending → running → healthy, stopping ones reach complete,
/// restarting tasks come back, drains migrate their allocations, and old terminal allocations are collected.
/// </summary>
internal sealed partial class DemoCluster
{
    /// <summary>Terminal allocations are garbage-collected after this long (Nomad's default is an hour).</summary>
    private static readonly TimeSpan s_collectAfter = TimeSpan.FromMinutes(15);

    /// <summary>When the flaky worker knob is on, how often a worker task crashes and is restarted.</summary>
    private static readonly TimeSpan s_workerCrashEvery = TimeSpan.FromMinutes(3);

    /// <summary>The default cluster's worker, which the flaky-worker knob makes crash.</summary>
    private static readonly NamespacedId s_worker = new(DemoNamespace.Default, "worker");

    private DateTimeOffset _nextWorkerCrash = DateTimeOffset.MaxValue;

    public void Advance() => Write(() =>
    {
        var now = Now;
        foreach (var allocation in Allocations.Values.ToList())
        {
            AdvanceAllocation(allocation, now);
        }

        foreach (var node in Nodes.Values.Where(n => n.Drain))
        {
            AdvanceDrain(node, now);
        }

        foreach (var deployment in Deployments.Values.Where(d => d.IsActive).ToList())
        {
            UpdateDeployment(deployment);
        }

        CollectGarbage(now);
        CrashWorkerIfDue(now);
        Logs.Advance(Allocations, now);
    });

    private void AdvanceAllocation(DemoAllocation allocation, DateTimeOffset now)
    {
        var inPhase = now - allocation.PhaseStarted;
        if (allocation.DesiredStatus == "stop" && !allocation.IsTerminal)
        {
            if (inPhase >= Options.StopDelay)
            {
                var wasRunning = allocation.ClientStatus == "running";
                allocation.ClientStatus = "complete";
                allocation.ClientDescription = "All tasks have completed";
                foreach (var state in allocation.TaskStates.Values.Where(s => s.State != "dead"))
                {
                    state.State = "dead";
                    state.FinishedAt = now;
                    state.Add(new DemoTaskEvent("Killed", NowNanos, "Task successfully killed"));
                }

                TouchAllocation(allocation, "AllocationUpdated");
                if (wasRunning)
                {
                    Touch(DemoTable.Services);
                }

                JobChanged(allocation.JobKey);
            }

            return;
        }

        if (allocation.DesiredStatus != "run")
        {
            return;
        }

        if (allocation.ClientStatus == "pending" && inPhase >= Options.StartDelay)
        {
            allocation.ClientStatus = "running";
            allocation.ClientDescription = "Tasks are running";
            allocation.PhaseStarted = now;
            foreach (var state in allocation.TaskStates.Values)
            {
                state.State = "running";
                state.StartedAt = now;
                state.Add(new DemoTaskEvent("Task Setup", NowNanos, "Building Task Directory"));
                state.Add(new DemoTaskEvent("Started", NowNanos, "Task started by client"));
            }

            TouchAllocation(allocation, "AllocationUpdated");
            Touch(DemoTable.Services);
            JobChanged(allocation.JobKey);
            return;
        }

        if (allocation.ClientStatus != "running")
        {
            return;
        }

        var restarting = allocation.TaskStates.Values.Where(s => s.State == "pending" && s.LastRestart is { } at && now - at >= Options.StartDelay / 2).ToList();
        foreach (var state in restarting)
        {
            state.State = "running";
            state.StartedAt = now;
            state.Add(new DemoTaskEvent("Started", NowNanos, "Task started by client"));
        }

        if (restarting.Count > 0)
        {
            allocation.PhaseStarted = now;
            TouchAllocation(allocation, "AllocationUpdated");
            return;
        }

        if (allocation.Healthy is null && allocation.JobType == "service" && inPhase >= Options.HealthyDelay
            && allocation.TaskStates.Values.All(s => s.State == "running"))
        {
            allocation.Healthy = true;
            allocation.HealthTimestamp = now;
            TouchAllocation(allocation, "AllocationUpdated");
        }
    }

    private void JobChanged(NamespacedId key)
    {
        if (Jobs.TryGetValue(key, out var job))
        {
            UpdateJobStatus(job);
        }
    }

    /// <summary>Migrates a draining node's allocations one group at a time and completes the drain when none are left.</summary>
    private void AdvanceDrain(DemoNode node, DateTimeOffset now)
    {
        var strategy = node.DrainStrategy!;
        var pastDeadline = strategy.ForceDeadline is { } deadline && now >= deadline;
        var remaining = Allocations.Values
            .Where(a => a.Node == node && !a.IsTerminal && !(a.JobType == "system" && strategy.IgnoreSystemJobs))
            .ToList();
        foreach (var allocation in remaining.Where(a => a.DesiredStatus == "run"))
        {
            // Nomad's migrate block defaults to max_parallel 1: wait while a replacement of the same group is unhealthy.
            var replacementPending = Allocations.Values.Any(a => a.JobKey == allocation.JobKey && a.TaskGroup == allocation.TaskGroup
                                                                  && a.IsLive && a.Node != node && a.ClientStatus == "pending");
            if (replacementPending && !pastDeadline)
            {
                continue;
            }

            StopAllocation(allocation, "alloc is being migrated");
            if (Jobs.TryGetValue(allocation.JobKey, out var job))
            {
                Reconcile(job, "alloc not needed due to job update");
            }
        }

        if (remaining.Count == 0)
        {
            node.Drain = false;
            node.DrainStrategy = null;
            node.LastDrain = node.LastDrain is { } last ? last with { Status = "complete", UpdatedAt = now } : null;
            node.Events.Add(new DemoNodeEvent("Node drain complete", "Drain", now, Touch(DemoTable.Nodes)));
            TouchNode(node, "NodeDrain");
        }
    }

    private void CollectGarbage(DateTimeOffset now)
    {
        var cutoff = CreateTimeCutoff(now - s_collectAfter);
        var old = Allocations.Values.Where(a => a.IsTerminal && a.ModifyTime < cutoff).Select(a => a.Id).ToList();
        foreach (var id in old)
        {
            Allocations.Remove(id);
        }

        if (old.Count > 0)
        {
            Touch(DemoTable.Allocations);
        }

        var oldDeployments = Deployments.Values.Where(d => !d.IsActive && d.ModifyTime < cutoff
                                                          && Deployments.Values.Any(n => n.JobKey == d.JobKey && n.CreateIndex > d.CreateIndex)).Select(d => d.Id).ToList();
        foreach (var id in oldDeployments)
        {
            Deployments.Remove(id);
        }

        if (oldDeployments.Count > 0)
        {
            Touch(DemoTable.Deployments);
        }
    }

    private static long CreateTimeCutoff(DateTimeOffset time) => ToNanos(time);

    /// <summary>With <see cref="DemoOptions.FlakyWorker"/>, a worker task exits 1 now and then, as real workers do.</summary>
    private void CrashWorkerIfDue(DateTimeOffset now)
    {
        if (!Options.FlakyWorker)
        {
            return;
        }

        if (_nextWorkerCrash == DateTimeOffset.MaxValue)
        {
            _nextWorkerCrash = now + s_workerCrashEvery;
            return;
        }

        if (now < _nextWorkerCrash)
        {
            return;
        }

        _nextWorkerCrash = now + s_workerCrashEvery;
        var victim = Allocations.Values.Where(a => a.JobKey == s_worker && a.ClientStatus == "running" && a.DesiredStatus == "run")
            .OrderBy(a => a.Id, StringComparer.Ordinal).FirstOrDefault();
        if (victim is null)
        {
            return;
        }

        foreach (var state in victim.TaskStates.Values)
        {
            state.Add(new DemoTaskEvent("Terminated", NowNanos, "Exit Code: 1, Exit Message: \"queue connection reset\"", ExitCode: 1));
            state.Add(new DemoTaskEvent("Restarting", NowNanos, "Task restarting in 15s", RestartReason: "Restart within policy"));
            state.State = "pending";
            state.Restarts++;
            state.LastRestart = now;
        }

        TouchAllocation(victim, "AllocationUpdated");
    }
}
