using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Facts;

/// <summary>What Styx says about an allocation, the same in <c>ssh styx allocs</c> and on the Allocations screen.</summary>
internal static class AllocationFacts
{
    /// <summary>Running or about to: desired to run, and pending or running on its node.</summary>
    public static bool IsLive(AllocationListStub allocation) =>
        allocation.DesiredStatus == "run" && allocation.ClientStatus is "running" or "pending";

    /// <summary>Deployment health: yes, no, or - while unknown.</summary>
    public static string Healthy(AllocationListStub allocation) => allocation.DeploymentStatus?.Healthy switch
    {
        true => "yes",
        false => "no",
        null => "-",
    };

    /// <summary>The order both tables list allocations in: wanted ones first, then by name, newest first.</summary>
    public static IEnumerable<AllocationListStub> InListOrder(IEnumerable<AllocationListStub> allocations) =>
        allocations.OrderBy(a => a.DesiredStatus != "run").ThenBy(a => a.Name, StringComparer.Ordinal).ThenByDescending(a => a.CreateIndex);

    /// <summary>
    /// The allocations of one job (and group), from the snapshot. Job IDs repeat across namespaces: with
    /// <paramref name="jobNamespace"/> only that namespace's job, without it the job in every namespace the snapshot holds.
    /// </summary>
    public static IEnumerable<AllocationListStub> Of(ClusterSnapshot snapshot, string? jobId, string? jobNamespace = null, string? group = null) =>
        snapshot.Allocations.Where(a => (jobId is null || (a.JobID == jobId && (jobNamespace is null || a.Namespace == jobNamespace))) && (group is null || a.TaskGroup == group));
}
