using System.Text.Json.Nodes;
using Styx.Demo.Nomad;

namespace Styx.Demo.Model;

/// <summary>
/// The simulated scheduler: brings each group's live allocations to its count (one per eligible node for system
/// jobs), placing on the least-loaded eligible node that meets the job's <c>${node.class}</c> constraint.
/// </summary>
internal sealed partial class DemoCluster
{
    /// <summary>Places or stops allocations so the job matches its definition. Called under the lock.</summary>
    internal void Reconcile(DemoJob job, string stopReason)
    {
        foreach (var group in job.Groups)
        {
            var live = AllocationsOf(job).Where(a => a.TaskGroup == group.Name && a.IsLive).OrderBy(a => a.Slot).ToList();
            if (job.Stop)
            {
                live.ForEach(a => StopAllocation(a, stopReason));
                continue;
            }

            // Allocations of an earlier version are updated in place (see the notes: no destructive rolling update).
            foreach (var allocation in live.Where(a => a.JobVersion != job.Version))
            {
                allocation.JobVersion = job.Version;
                TouchAllocation(allocation, "AllocationUpdated");
            }

            if (job.Type == "system")
            {
                ReconcileSystem(job, group, live, stopReason);
                continue;
            }

            foreach (var extra in live.Skip(group.Count))
            {
                StopAllocation(extra, stopReason);
            }

            var usedSlots = live.Take(group.Count).Select(a => a.Slot).ToHashSet();
            var missing = group.Count - usedSlots.Count;
            for (var slot = 0; missing > 0; slot++)
            {
                if (usedSlots.Contains(slot))
                {
                    continue;
                }

                var node = ChooseNode(job);
                if (node is null)
                {
                    // Unplaced: shows as Queued in the job summary until a node can take it.
                    break;
                }

                Place(job, group, slot, node, previous: null);
                missing--;
            }
        }

        UpdateJobStatus(job);
    }

    private void ReconcileSystem(DemoJob job, DemoGroupSpec group, List<DemoAllocation> live, string stopReason)
    {
        foreach (var allocation in live.Where(a => a.Node.Status != "ready"))
        {
            StopAllocation(allocation, stopReason);
        }

        foreach (var node in Nodes.Values.Where(n => n.Status == "ready" && n.SchedulingEligibility == "eligible" && MeetsConstraints(job, n)))
        {
            if (!live.Any(a => a.Node == node && a.IsLive))
            {
                Place(job, group, 0, node, previous: null);
            }
        }
    }

    private DemoNode? ChooseNode(DemoJob job)
    {
        var load = Allocations.Values.Where(a => a.IsLive).GroupBy(a => a.Node.Id).ToDictionary(g => g.Key, g => g.Count());
        return Nodes.Values
            .Where(n => n.AcceptsPlacements && MeetsConstraints(job, n))
            .OrderBy(n => load.GetValueOrDefault(n.Id))
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Only the constraint Styx jobs use: <c>${node.class} = "server"</c>, at job or group level.</summary>
    private static bool MeetsConstraints(DemoJob job, DemoNode node)
    {
        var constraints = (job.Definition["Constraints"] as JsonArray ?? []).OfType<JsonObject>()
            .Concat((job.Definition["TaskGroups"] as JsonArray ?? []).OfType<JsonObject>()
                .SelectMany(g => (g["Constraints"] as JsonArray ?? []).OfType<JsonObject>()));
        foreach (var constraint in constraints)
        {
            if ((string?)constraint["LTarget"] == "${node.class}" && ((string?)constraint["Operand"] ?? "=") is "=" or "==")
            {
                if ((string?)constraint["RTarget"] != node.NodeClass)
                {
                    return false;
                }
            }
        }

        return true;
    }

    internal DemoAllocation Place(DemoJob job, DemoGroupSpec group, int slot, DemoNode node, string? previous)
    {
        var index = Touch(DemoTable.Allocations);
        var allocation = new DemoAllocation
        {
            Id = Ids.Next(),
            EvalId = Ids.Next(),
            JobId = job.Id,
            Namespace = job.Namespace,
            JobVersion = job.Version,
            JobType = job.Type,
            TaskGroup = group.Name,
            Slot = slot,
            Node = node,
            PreviousAllocation = previous,
            PhaseStarted = Now,
            CreateIndex = index,
            ModifyIndex = index,
            AllocModifyIndex = index,
            CreateTime = NowNanos,
            ModifyTime = NowNanos,
            DeploymentId = Deployments.Values.FirstOrDefault(d => d.JobKey == job.Key && d.JobVersion == job.Version && d.IsActive)?.Id,
        };
        foreach (var task in group.Tasks)
        {
            var state = new DemoTaskState();
            state.Add(new DemoTaskEvent("Received", NowNanos, "Task received by client"));
            allocation.TaskStates[task.Name] = state;
            allocation.TaskResources[task.Name] = (task.Cpu, task.MemoryMB);
        }

        foreach (var (label, port) in PortsOf(job, group))
        {
            allocation.Ports[label] = port ?? Random.Next(20000, 32000);
        }

        Allocations.Add(allocation.Id, allocation);
        Publish("Allocation", "AllocationCreated", allocation.Id, "Allocation", NomadWire.AllocationStub(allocation), allocation.Namespace);
        return allocation;
    }

    /// <summary>The group's port labels with their static value, or null for a dynamic port.</summary>
    private static IEnumerable<(string Label, int? Port)> PortsOf(DemoJob job, DemoGroupSpec group)
    {
        var definition = (job.Definition["TaskGroups"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(g => (string?)g["Name"] == group.Name);
        foreach (var network in (definition?["Networks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var port in (network["ReservedPorts"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return ((string?)port["Label"] ?? "port", (int?)port["Value"]);
            }

            foreach (var port in (network["DynamicPorts"] as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return ((string?)port["Label"] ?? "port", null);
            }
        }
    }

    /// <summary>Asks an allocation to stop; it reaches complete after the stop delay.</summary>
    internal void StopAllocation(DemoAllocation allocation, string reason)
    {
        if (allocation.DesiredStatus == "stop" || allocation.IsTerminal)
        {
            return;
        }

        allocation.DesiredStatus = "stop";
        allocation.DesiredDescription = reason;
        allocation.PhaseStarted = Now;
        foreach (var state in allocation.TaskStates.Values.Where(s => s.State != "dead"))
        {
            state.Add(new DemoTaskEvent("Killing", NowNanos, "Sent interrupt. Waiting 5s before force killing", KillReason: reason));
        }

        TouchAllocation(allocation, "AllocationUpdateDesiredStatus");
    }

    internal void TouchAllocation(DemoAllocation allocation, string eventType)
    {
        allocation.ModifyIndex = Touch(DemoTable.Allocations);
        allocation.ModifyTime = NowNanos;
        Publish("Allocation", eventType, allocation.Id, "Allocation", NomadWire.AllocationStub(allocation), allocation.Namespace);
    }
}
