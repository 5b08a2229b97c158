using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Platform services (DESIGN.md §2) by their catalog name: start and stop their Nomad job.</summary>
public sealed partial class ClusterCommands
{
    public Task<CommandResult> StartPlatformServiceAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.PlatformServiceStart, AuditTarget.PlatformService(name), Args(("service", name)), null, (api, ct) => StartAsync(api, PlatformJob(name), ct), cancellationToken);

    public Task<CommandResult> StopPlatformServiceAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.PlatformServiceStop, AuditTarget.PlatformService(name), Args(("service", name)), null, async (api, ct) =>
        {
            var jobId = PlatformJob(name);
            var job = await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
            if (job.Stop)
            {
                return $"{name} is already stopped";
            }

            await api.DeregisterJobAsync(jobId, null, ct).ConfigureAwait(false);
            return $"{name} stopped";
        }, cancellationToken);

    private string PlatformJob(string name)
    {
        RequireName(name, "service");
        var service = catalog.Find(name)
                      ?? throw CommandInputException.NotFound($"no platform service \"{name}\"; `services` lists them ({string.Join(", ", catalog.Services.Select(s => s.Name))})");
        return service.JobId
               ?? throw CommandInputException.Invalid($"{service.Name} is not a Nomad job ({service.Notes ?? service.Kind}); Styx cannot start or stop it");
    }
}
