using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Platform services (DESIGN.md §2) by their catalog name: start and stop their Nomad job.</summary>
public sealed partial class ClusterCommands
{
    public Task<CommandResult> StartPlatformServiceAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.PlatformServiceStart, AuditTarget.PlatformService(name), Args(("service", name)), null, null, (api, ct) =>
        {
            var (ns, jobId) = PlatformJob(name);
            return StartAsync(api, ns, jobId, ct);
        }, cancellationToken);

    public Task<CommandResult> StopPlatformServiceAsync(Caller caller, string name, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.PlatformServiceStop, AuditTarget.PlatformService(name), Args(("service", name)), null, null, async (api, ct) =>
        {
            var (ns, jobId) = PlatformJob(name);
            var job = await ReadJobAsync(api, ns, jobId, ct).ConfigureAwait(false);
            if (job.Stop)
            {
                return $"{name} is already stopped";
            }

            await api.DeregisterJobAsync(jobId, ns, null, ct).ConfigureAwait(false);
            return $"{name} stopped";
        }, cancellationToken);

    /// <summary>The service's job and the namespace the catalog puts it in (not the configured one: the platform has its own).</summary>
    private (string Namespace, string JobId) PlatformJob(string name)
    {
        RequireName(name, "service");
        var service = catalog.Find(name)
                      ?? throw CommandInputException.NotFound($"no platform service \"{name}\"; `services` lists them ({string.Join(", ", catalog.Services.Select(s => s.Name))})");
        return (service.JobNamespace, service.JobId
               ?? throw CommandInputException.Invalid($"{service.Name} is not a Nomad job ({service.Notes ?? service.Kind}); Styx cannot start or stop it"));
    }
}
