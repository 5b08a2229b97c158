using System.Globalization;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Facts;
using Styx.Tui.Screens;

namespace Styx.Tui.Commands;

/// <summary>
/// The text tables of the one-shot read commands, made from a snapshot with the same <see cref="Facts"/> the screens
/// use, so <c>ssh styx jobs</c> and the Jobs screen say the same about the same snapshot (a test holds them side by
/// side). Pure: no session, no clock.
/// </summary>
internal static class ExecTables
{
    public static TextTable Jobs(ClusterSnapshot snapshot)
    {
        // The namespace only when the jobs span several (--namespace '*'), as the Jobs screen does.
        var namespaced = snapshot.Jobs.Select(j => j.Namespace).Distinct(StringComparer.Ordinal).Skip(1).Any();
        var table = namespaced
            ? new TextTable("JOB", "NAMESPACE", "TYPE", "STATUS", "RUNNING", "DESIRED", "PENDING", "FAILED")
            : new TextTable("JOB", "TYPE", "STATUS", "RUNNING", "DESIRED", "PENDING", "FAILED");
        foreach (var job in snapshot.Jobs.OrderBy(j => j.ID, StringComparer.Ordinal).ThenBy(j => j.Namespace, StringComparer.Ordinal))
        {
            var counts = JobFacts.Counts(job);
            string[] cells = [job.ID, job.Namespace, job.Type, JobFacts.Status(job), Number(counts.Running), JobFacts.Desired(snapshot, job) is { } desired ? Number(desired) : "…",
                Number(counts.Pending), Number(counts.Failed)];
            table.Add(namespaced ? cells : [cells[0], .. cells[2..]]);
        }

        table.Shrinkable.Add(0);
        return table;
    }

    public static TextTable Nodes(ClusterSnapshot snapshot)
    {
        var live = NodeFacts.LiveAllocationsByNode(snapshot);
        var table = new TextTable("NAME", "STATUS", "ELIGIBILITY", "CLASS", "ADDRESS", "DRAIN", "ALLOCS");
        foreach (var node in snapshot.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            table.Add(node.Name, node.Status, node.SchedulingEligibility, NodeFacts.Class(node), node.Address, NodeFacts.Drain(node), Number(live.GetValueOrDefault(node.ID)));
        }

        table.Shrinkable.Add(0);
        return table;
    }

    public static TextTable Allocations(IEnumerable<AllocationListStub> allocations)
    {
        var table = new TextTable("ID", "NAME", "NODE", "DESIRED", "STATUS", "HEALTHY");
        foreach (var allocation in AllocationFacts.InListOrder(allocations))
        {
            table.Add(CellText.ShortId(allocation.ID), allocation.Name, allocation.NodeName, allocation.DesiredStatus, allocation.ClientStatus, AllocationFacts.Healthy(allocation));
        }

        table.Shrinkable.Add(1);
        return table;
    }

    public static TextTable Services(PlatformCatalog catalog, ClusterSnapshot snapshot)
    {
        var table = new TextTable("SERVICE", "KIND", "STATE", "RUNNING", "PORTS");
        foreach (var service in catalog.Services)
        {
            var status = PlatformServiceStatus.Of(service, snapshot);
            table.Add(service.Name, service.Kind, status.State, Number(status.Running), string.Join(' ', service.Ports.Select(p => $"{p.Name}:{p.Port}")));
        }

        table.Shrinkable.Add(4);
        return table;
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
