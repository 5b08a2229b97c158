using Styx.Cluster.State;

namespace Styx.Cluster.Platform;

/// <summary>
/// A platform service's state as operators read it, from the shared snapshot: <c>running</c>, <c>degraded</c> (running
/// but with failed allocations it still wants), <c>stopped</c>, <c>missing</c> (no such job), <c>external</c> (not a
/// Nomad job, e.g. Vault), or the job's own status when nothing runs. Give it a snapshot that holds the service's
/// namespace (<see cref="PlatformService.JobNamespace"/>), or it reads as missing.
/// </summary>
public sealed record PlatformServiceStatus(string State, int Running)
{
    public static PlatformServiceStatus Of(PlatformService service, ClusterSnapshot snapshot)
    {
        if (service.JobId is null)
        {
            return new("external", 0);
        }

        // Only the service's own namespace: a job of the same ID elsewhere is someone else's.
        var ns = service.JobNamespace;
        var job = snapshot.Jobs.FirstOrDefault(j => j.ID == service.JobId && j.Namespace == ns);
        var running = snapshot.Allocations.Count(a => a.JobID == service.JobId && a.Namespace == ns && a.ClientStatus == "running");
        var failed = snapshot.Allocations.Count(a => a.JobID == service.JobId && a.Namespace == ns && a.ClientStatus == "failed" && a.DesiredStatus == "run");
        return job is null ? new("missing", 0)
            : job.Stop ? new("stopped", running)
            : running > 0 && failed == 0 ? new("running", running)
            : running > 0 ? new("degraded", running)
            : new(job.Status, running);
    }
}
