using System.Text.Json.Nodes;
using Styx.Demo.Nomad;

namespace Styx.Demo.Model;

/// <summary>Node operations: drain and eligibility, with the texts of Nomad's node endpoints.</summary>
internal sealed partial class DemoCluster
{
    /// <summary>Finds a node by full ID or unique ID prefix, as Nomad's node read does.</summary>
    internal DemoNode FindNode(string id)
    {
        if (Nodes.TryGetValue(id, out var node))
        {
            return node;
        }

        var matches = id.Length >= 1 ? Nodes.Values.Where(n => n.Id.StartsWith(id, StringComparison.Ordinal)).Take(2).ToList() : [];
        return matches.Count == 1 ? matches[0] : throw DemoApiException.NotFound("node not found");
    }

    /// <summary><c>POST /v1/node/:id/drain</c>: a spec starts (or updates) a drain; null cancels it.</summary>
    public ulong UpdateDrain(string nodeId, long? deadlineNanos, bool ignoreSystemJobs, bool markEligible, IReadOnlyDictionary<string, string> meta, string accessor) => Write(() =>
    {
        var node = FindNode(nodeId);
        var now = Now;
        if (deadlineNanos is { } deadline)
        {
            node.Drain = true;
            node.SchedulingEligibility = "ineligible";
            node.DrainStrategy = new DemoDrain(deadline, ignoreSystemJobs, now, deadline > 0 ? now.AddTicks(deadline / 100) : null);
            node.LastDrain = new DemoDrainMetadata(now, now, "draining", accessor, meta);
            node.Events.Add(new DemoNodeEvent("Node drain strategy set", "Drain", now, Touch(DemoTable.Nodes)));
        }
        else
        {
            if (node.Drain)
            {
                node.LastDrain = node.LastDrain is { } last ? last with { Status = "canceled", UpdatedAt = now } : null;
                node.Events.Add(new DemoNodeEvent("Node drain strategy cleared", "Drain", now, Touch(DemoTable.Nodes)));
            }

            node.Drain = false;
            node.DrainStrategy = null;
            if (markEligible)
            {
                node.SchedulingEligibility = "eligible";
            }
        }

        TouchNode(node, "NodeDrain");
        return node.ModifyIndex;
    });

    /// <summary><c>POST /v1/node/:id/eligibility</c>.</summary>
    public ulong UpdateEligibility(string nodeId, string eligibility) => Write(() =>
    {
        if (eligibility is not ("eligible" or "ineligible"))
        {
            throw DemoApiException.BadRequest($"invalid scheduling eligibility \"{eligibility}\"");
        }

        var node = FindNode(nodeId);
        if (node.Drain && eligibility == "eligible")
        {
            throw DemoApiException.BadRequest("can not set node's scheduling eligibility to eligible while it is draining");
        }

        if (node.SchedulingEligibility != eligibility)
        {
            node.SchedulingEligibility = eligibility;
            node.Events.Add(new DemoNodeEvent(eligibility == "eligible" ? "Node marked as eligible for scheduling" : "Node marked as ineligible for scheduling", "Cluster", Now, Touch(DemoTable.Nodes)));
            TouchNode(node, "NodeEligibility");
            if (eligibility == "eligible")
            {
                // Newly eligible capacity lets queued allocations place, as a blocked evaluation would.
                foreach (var job in Jobs.Values)
                {
                    Reconcile(job, "alloc not needed due to job update");
                }
            }
        }

        return node.ModifyIndex;
    });

    internal void TouchNode(DemoNode node, string eventType)
    {
        node.ModifyIndex = Touch(DemoTable.Nodes);
        Publish("Node", eventType, node.Id, "Node", NomadWire.Node(node), @namespace: "");
    }

    internal void AddNode(DemoNode node)
    {
        Nodes.Add(node.Id, node);
        node.Events.Add(new DemoNodeEvent("Node registered", "Cluster", Now, node.CreateIndex));
        TouchNode(node, "NodeRegistration");
    }

    /// <summary>The node's wire JSON for the event stream payload of a registration.</summary>
    internal static JsonObject NodePayload(DemoNode node) => NomadWire.Node(node);
}
