using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Node commands: drain on and off, scheduling eligibility. Nodes are named by name, ID or ID prefix.</summary>
public sealed partial class ClusterCommands
{
    /// <summary>Starts a drain (allocations migrate away; the node ends ineligible) or, with <paramref name="enable"/> false, cancels it and makes the node eligible again.</summary>
    public Task<CommandResult> DrainNodeAsync(Caller caller, string node, bool enable, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.NodeDrain, AuditTarget.Node(node), Args(("node", node), ("drain", enable ? "on" : "off")), null, null, async (api, ct) =>
        {
            var target = await FindNodeAsync(api, node, ct).ConfigureAwait(false);
            var request = enable
                ? new NodeDrainRequest
                {
                    DrainSpec = new DrainSpec { Deadline = (long)(options.DrainDeadline.TotalMilliseconds * 1_000_000) },
                    Meta = new Dictionary<string, string> { ["message"] = $"drained by {caller.User} with Styx" },
                }
                : new NodeDrainRequest { DrainSpec = null, MarkEligible = true };
            if (!enable && !target.Drain)
            {
                return $"{target.Name} is not draining";
            }

            await api.UpdateNodeDrainAsync(target.ID, request, ct).ConfigureAwait(false);
            return enable ? $"{target.Name} draining (deadline {options.DrainDeadline.TotalMinutes:0} min)" : $"{target.Name} drain cancelled; eligible again";
        }, cancellationToken);

    public Task<CommandResult> SetEligibilityAsync(Caller caller, string node, bool eligible, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.NodeEligibility, AuditTarget.Node(node), Args(("node", node), ("eligibility", eligible ? "eligible" : "ineligible")), null, null, async (api, ct) =>
        {
            var target = await FindNodeAsync(api, node, ct).ConfigureAwait(false);
            var wanted = eligible ? "eligible" : "ineligible";
            if (target.SchedulingEligibility == wanted)
            {
                return $"{target.Name} is already {wanted}";
            }

            await api.UpdateNodeEligibilityAsync(target.ID, new NodeEligibilityRequest { Eligibility = wanted }, ct).ConfigureAwait(false);
            return $"{target.Name} is now {wanted}";
        }, cancellationToken);

    /// <summary>Finds a node by exact name, exact ID or unique ID prefix.</summary>
    private static async Task<NodeListStub> FindNodeAsync(INomadApi api, string node, CancellationToken cancellationToken)
    {
        RequireName(node, "node");
        var nodes = (await api.GetNodesAsync(null, null, null, null, null, cancellationToken).ConfigureAwait(false)).Body();
        var byName = nodes.Where(n => string.Equals(n.Name, node, StringComparison.OrdinalIgnoreCase)).ToList();
        if (byName.Count == 1)
        {
            return byName[0];
        }

        var byId = nodes.Where(n => n.ID.StartsWith(node, StringComparison.OrdinalIgnoreCase)).ToList();
        return byId.Count switch
        {
            1 => byId[0],
            0 => throw CommandInputException.NotFound($"no node \"{node}\"; `nodes` lists them ({string.Join(", ", nodes.Select(n => n.Name).Take(5))})"),
            _ => throw CommandInputException.Invalid($"\"{node}\" matches {byId.Count} nodes; type more of the ID or the name"),
        };
    }
}
