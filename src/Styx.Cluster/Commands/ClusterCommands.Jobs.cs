using System.Globalization;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>
/// Job commands: start, stop, purge, scale, revert and rolling restart, each of a job in a namespace (null:
/// <see cref="DefaultNamespace"/>); the overloads without one act in <see cref="DefaultNamespace"/>.
/// </summary>
public sealed partial class ClusterCommands
{
    /// <summary>Starts a stopped job by registering its definition again with <c>Stop=false</c>.</summary>
    public Task<CommandResult> StartJobAsync(Caller caller, string? @namespace, string jobId, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return RunAsync(caller, ClusterAction.JobStart, AuditTarget.Job(ns, jobId), WithNamespace(Args(("job", jobId)), ns), ns, jobId,
            (api, ct) => StartAsync(api, ns, jobId, ct), cancellationToken);
    }

    public Task<CommandResult> StartJobAsync(Caller caller, string jobId, CancellationToken cancellationToken) =>
        StartJobAsync(caller, null, jobId, cancellationToken);

    /// <summary>Stops a job; with <paramref name="purge"/> (admin) it is removed from Nomad at once.</summary>
    public Task<CommandResult> StopJobAsync(Caller caller, string? @namespace, string jobId, bool purge, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return RunAsync(caller, purge ? ClusterAction.JobPurge : ClusterAction.JobStop, AuditTarget.Job(ns, jobId),
            WithNamespace(Args(("job", jobId), ("purge", purge ? "true" : "false")), ns), ns, jobId, async (api, ct) =>
            {
                RequireName(jobId, "job");
                var job = await ReadJobAsync(api, ns, jobId, ct).ConfigureAwait(false);
                if (job.Stop && !purge)
                {
                    return $"{Named(ns, jobId)} is already stopped";
                }

                await api.DeregisterJobAsync(jobId, ns, purge ? true : null, ct).ConfigureAwait(false);
                return purge ? $"{Named(ns, jobId)} stopped and purged" : $"{Named(ns, jobId)} stopped";
            }, cancellationToken);
    }

    public Task<CommandResult> StopJobAsync(Caller caller, string jobId, bool purge, CancellationToken cancellationToken) =>
        StopJobAsync(caller, null, jobId, purge, cancellationToken);

    /// <summary>
    /// Sets a task group's count. <paramref name="count"/> is the text the person typed: it must be a whole number
    /// of at least 0 and within the group's <c>scaling</c> bounds when it has them.
    /// </summary>
    public Task<CommandResult> ScaleAsync(Caller caller, string? @namespace, string jobId, string group, string count, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return RunAsync(caller, ClusterAction.JobScale, AuditTarget.Group(ns, jobId, group), WithNamespace(Args(("job", jobId), ("group", group), ("count", count)), ns), ns, jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            RequireName(group, "group");
            var name = Named(ns, jobId);
            if (!long.TryParse(count, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var wanted))
            {
                throw CommandInputException.Invalid($"count \"{count}\" is not a whole number; type e.g. `scale {jobId} {group} 3`");
            }

            if (wanted < 0)
            {
                throw CommandInputException.Invalid($"count {Number(wanted)} is negative; use 0 to run none");
            }

            var job = await ReadJobAsync(api, ns, jobId, ct).ConfigureAwait(false);
            var taskGroup = job.TaskGroups?.FirstOrDefault(g => g.Name == group)
                            ?? throw CommandInputException.NotFound($"job {name} has no group \"{group}\"; its groups: {string.Join(", ", job.TaskGroups?.Select(g => g.Name) ?? [])}");
            if (taskGroup.Scaling is { } scaling)
            {
                if (scaling.Min is { } min && wanted < min)
                {
                    throw CommandInputException.Invalid($"{name}/{group} cannot go below {Number(min)} (its scaling policy allows {Number(min)}..{(scaling.Max is { } m ? Number(m) : "any")})");
                }

                if (scaling.Max is { } max && wanted > max)
                {
                    throw CommandInputException.Invalid($"{name}/{group} cannot go above {Number(max)} (its scaling policy allows {(scaling.Min is { } n ? Number(n) : "0")}..{Number(max)})");
                }
            }

            if (taskGroup.Count == wanted && !job.Stop)
            {
                return $"{name}/{group} already has count {Number(wanted)}";
            }

            await api.ScaleTaskGroupAsync(jobId, ns, new ScalingRequest
            {
                Count = wanted,
                Target = new ScalingTarget { Group = group },
                Message = $"scaled by {caller.User} with Styx",
            }, ct).ConfigureAwait(false);
            return $"{name}/{group} count {Number(taskGroup.Count ?? 0)} → {Number(wanted)}";
        }, cancellationToken);
    }

    public Task<CommandResult> ScaleAsync(Caller caller, string jobId, string group, string count, CancellationToken cancellationToken) =>
        ScaleAsync(caller, null, jobId, group, count, cancellationToken);

    /// <summary>Registers an earlier version of a job again.</summary>
    public Task<CommandResult> RevertJobAsync(Caller caller, string? @namespace, string jobId, string version, CancellationToken cancellationToken)
    {
        var ns = @namespace ?? DefaultNamespace;
        return RunAsync(caller, ClusterAction.JobRevert, AuditTarget.Job(ns, jobId), WithNamespace(Args(("job", jobId), ("version", version)), ns), ns, jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            if (!ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw CommandInputException.Invalid($"version \"{version}\" is not a version number; `job {jobId}` lists them");
            }

            await ReadJobAsync(api, ns, jobId, ct).ConfigureAwait(false);
            await api.RevertJobAsync(jobId, ns, new JobRevertRequest { JobID = jobId, JobVersion = number }, ct).ConfigureAwait(false);
            return $"{Named(ns, jobId)} reverted to version {version}";
        }, cancellationToken);
    }

    public Task<CommandResult> RevertJobAsync(Caller caller, string jobId, string version, CancellationToken cancellationToken) =>
        RevertJobAsync(caller, null, jobId, version, cancellationToken);

    private static async Task<string> StartAsync(INomadApi api, string @namespace, string jobId, CancellationToken ct)
    {
        RequireName(jobId, "job");
        var job = await ReadJobAsync(api, @namespace, jobId, ct).ConfigureAwait(false);
        if (!job.Stop)
        {
            return $"{Named(@namespace, jobId)} is already running";
        }

        // EnforceIndex: if someone changed the job since we read it, Nomad refuses rather than overwriting their change.
        // The namespace goes on the request: Nomad registers in the request's namespace whatever the job says.
        await api.RegisterJobAsync(@namespace, new JobRegisterRequest { Job = job with { Stop = false }, EnforceIndex = true, JobModifyIndex = job.JobModifyIndex }, ct).ConfigureAwait(false);
        return $"{Named(@namespace, jobId)} started";
    }
}
