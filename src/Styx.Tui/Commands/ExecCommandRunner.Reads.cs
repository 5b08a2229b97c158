using System.Globalization;
using Styx.Cluster.Access;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.Text;
using Styx.Tui.Facts;
using Styx.Tui.Screens;

namespace Styx.Tui.Commands;

/// <summary>The read commands: whoami, version, status, nodes, jobs, job, allocs, services. All read the shared snapshot.</summary>
internal sealed partial class ExecCommandRunner
{
    private async Task<int> VersionAsync(bool json)
    {
        var text = "styx-tui " + StyxVersion.Current;
        return json ? await WriteJsonAsync(new { styx = StyxVersion.Current }).ConfigureAwait(false) : await WriteAsync(text).ConfigureAwait(false);
    }

    private async Task<int> WhoAmIAsync(bool json)
    {
        var caller = context.Caller;
        return json
            ? await WriteJsonAsync(new { user = caller.User, role = caller.Role.ToName(), key = caller.KeyFingerprint, address = caller.SourceAddress?.ToString(), cluster = context.ClusterName, demo = context.Demo }).ConfigureAwait(false)
            : await WriteAsync($"{SessionBanner.For(caller, context.ClusterName, context.Demo)}\nkey {caller.KeyFingerprint} from {caller.SourceAddress}").ConfigureAwait(false);
    }

    private async Task<int> StatusAsync(bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        var nodesReady = snapshot.Nodes.Count(n => n.Status == "ready");
        var jobs = snapshot.Jobs.GroupBy(j => j.Status).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        var allocations = snapshot.Allocations.GroupBy(a => a.ClientStatus).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        if (json)
        {
            return await WriteJsonAsync(new
            {
                cluster = context.ClusterName,
                leader = snapshot.Leader,
                reachable = snapshot.Connection.Reachable,
                unreachableSince = snapshot.Connection.UnreachableSince,
                problem = snapshot.Connection.Reachable ? null : snapshot.Connection.Problem,
                error = snapshot.Connection.LastError,
                nodes = new { ready = nodesReady, total = snapshot.Nodes.Length },
                jobs,
                allocations,
            }).ConfigureAwait(false);
        }

        var lines = new List<string>
        {
            $"cluster      {context.ClusterName}{(context.Demo ? " (demo)" : "")}",
            $"leader       {V(snapshot.Leader ?? "none")}",
            $"nomad        {(snapshot.Connection.Reachable ? "reachable" : $"{snapshot.Connection.Problem} since {snapshot.Connection.UnreachableSince:HH:mm:ss}: {V(snapshot.Connection.LastError)}")}",
            $"nodes        {nodesReady}/{snapshot.Nodes.Length} ready",
            $"jobs         {Counts(jobs)}",
            $"allocations  {Counts(allocations)}",
        };
        return await WriteAsync(string.Join('\n', lines)).ConfigureAwait(false);
    }

    private async Task<int> NodesAsync(bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        var nodes = snapshot.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        if (json)
        {
            return await WriteJsonAsync(nodes).ConfigureAwait(false);
        }

        return await WriteAsync(ExecTables.Nodes(snapshot).Render()).ConfigureAwait(false);
    }

    private async Task<int> JobsAsync(bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        var jobs = snapshot.Jobs.OrderBy(j => j.ID, StringComparer.Ordinal).ToList();
        if (json)
        {
            return await WriteJsonAsync(jobs).ConfigureAwait(false);
        }

        return await WriteAsync(ExecTables.Jobs(snapshot).Render()).ConfigureAwait(false);
    }

    private async Task<int> JobAsync(string jobId, bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        Job job;
        try
        {
            job = await context.State.GetJobAsync(_namespace == Namespace.All ? null : _namespace, jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (NomadNotFoundException)
        {
            return await FailAsync(ExitStatus.NotFound, $"no job \"{jobId}\"; `jobs` lists them").ConfigureAwait(false);
        }
        catch (NomadException ex)
        {
            return await FailAsync(ExitStatus.ClusterError, ex.Message).ConfigureAwait(false);
        }

        if (json)
        {
            return await WriteJsonAsync(job).ConfigureAwait(false);
        }

        var allocations = AllocationFacts.InListOrder(AllocationFacts.Of(snapshot, job.ID, job.Namespace)).ToList();
        var lines = new List<string>
        {
            $"job {V(job.ID)}  type {V(job.Type)}  status {V(snapshot.Jobs.FirstOrDefault(j => j.ID == job.ID && j.Namespace == job.Namespace) is { } stub ? JobFacts.Status(stub) : job.Status)}  version {job.Version}{(job.Stable ? " (stable)" : "")}",
            "",
        };
        var groups = new TextTable("GROUP", "DESIRED", "RUNNING", "HEALTHY", "SCALING");
        foreach (var group in job.TaskGroups ?? [])
        {
            var mine = allocations.Where(a => a.TaskGroup == group.Name && a.DesiredStatus == "run").ToList();
            groups.Add(group.Name, Number(group.Count ?? 0), Number(mine.Count(a => a.ClientStatus == "running")),
                Number(mine.Count(a => a.DeploymentStatus?.Healthy == true)),
                group.Scaling is { } s ? $"{s.Min?.ToString(CultureInfo.InvariantCulture) ?? "0"}..{s.Max?.ToString(CultureInfo.InvariantCulture) ?? "-"}" : "-");
        }

        lines.Add(groups.Render());
        lines.Add(ExecTables.Allocations(allocations).Render());
        if (snapshot.Deployments.Where(d => d.JobID == job.ID && d.Namespace == job.Namespace).MaxBy(d => d.CreateIndex) is { } deployment)
        {
            lines.Add($"deployment {V(CellText.ShortId(deployment.ID))}  {V(deployment.Status)}: {V(deployment.StatusDescription)}");
        }

        return await WriteAsync(string.Join('\n', lines)).ConfigureAwait(false);
    }

    private async Task<int> AllocsAsync(string? jobId, bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        if (jobId is not null && !snapshot.Jobs.Any(j => j.ID == jobId))
        {
            return await FailAsync(ExitStatus.NotFound, $"no job \"{jobId}\"; `jobs` lists them").ConfigureAwait(false);
        }

        var allocations = AllocationFacts.InListOrder(AllocationFacts.Of(snapshot, jobId)).ToList();
        return json ? await WriteJsonAsync(allocations).ConfigureAwait(false) : await WriteAsync(ExecTables.Allocations(allocations).Render()).ConfigureAwait(false);
    }

    private async Task<int> ServicesAsync(bool json, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        // Platform services live in namespaces of their own, whatever this command addresses.
        var everything = context.State.CurrentIn(Namespace.All);
        var rows = context.Catalog.Services.Select(service =>
        {
            var status = PlatformServiceStatus.Of(service, everything);
            return (service, state: status.State, running: status.Running);
        }).ToList();
        if (json)
        {
            return await WriteJsonAsync(rows.Select(r => new
            {
                name = r.service.Name,
                job = r.service.JobId,
                kind = r.service.Kind,
                state = r.state,
                running = r.running,
                ports = r.service.Ports.ToDictionary(p => p.Name, p => p.Port),
                routedAt = r.service.RoutedAt,
            })).ConfigureAwait(false);
        }

        return await WriteAsync(ExecTables.Services(context.Catalog, everything).Render()).ConfigureAwait(false);
    }

    private static string Counts(IReadOnlyDictionary<string, int> counts) =>
        counts.Count == 0 ? "none" : string.Join(", ", counts.Select(c => $"{c.Value} {V(c.Key)}"));

    /// <summary>A cluster value on a line of its own making: visible, so a line feed in it cannot forge another line.</summary>
    private static string V(string? text) => ControlCharacters.MakeVisible(text);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

}
