using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Commands;

/// <summary>Job commands: start, stop, purge, scale, revert and rolling restart.</summary>
public sealed partial class ClusterCommands
{
    /// <summary>Starts a stopped job by registering its definition again with <c>Stop=false</c>.</summary>
    public Task<CommandResult> StartJobAsync(Caller caller, string jobId, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.JobStart, AuditTarget.Job(jobId), Args(("job", jobId)), jobId, (api, ct) => StartAsync(api, jobId, ct), cancellationToken);

    /// <summary>Stops a job; with <paramref name="purge"/> (admin) it is removed from Nomad at once.</summary>
    public Task<CommandResult> StopJobAsync(Caller caller, string jobId, bool purge, CancellationToken cancellationToken) =>
        RunAsync(caller, purge ? ClusterAction.JobPurge : ClusterAction.JobStop, AuditTarget.Job(jobId), Args(("job", jobId), ("purge", purge ? "true" : "false")), jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            var job = await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
            if (job.Stop && !purge)
            {
                return $"{jobId} is already stopped";
            }

            await api.DeregisterJobAsync(jobId, purge ? true : null, ct).ConfigureAwait(false);
            return purge ? $"{jobId} stopped and purged" : $"{jobId} stopped";
        }, cancellationToken);

    /// <summary>
    /// Sets a task group's count. <paramref name="count"/> is the text the person typed: it must be a whole number
    /// of at least 0 and within the group's <c>scaling</c> bounds when it has them.
    /// </summary>
    public Task<CommandResult> ScaleAsync(Caller caller, string jobId, string group, string count, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.JobScale, AuditTarget.Group(jobId, group), Args(("job", jobId), ("group", group), ("count", count)), jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            RequireName(group, "group");
            if (!long.TryParse(count, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var wanted))
            {
                throw CommandInputException.Invalid($"count \"{count}\" is not a whole number; type e.g. `scale {jobId} {group} 3`");
            }

            if (wanted < 0)
            {
                throw CommandInputException.Invalid($"count {Number(wanted)} is negative; use 0 to run none");
            }

            var job = await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
            var taskGroup = job.TaskGroups?.FirstOrDefault(g => g.Name == group)
                            ?? throw CommandInputException.NotFound($"job {jobId} has no group \"{group}\"; its groups: {string.Join(", ", job.TaskGroups?.Select(g => g.Name) ?? [])}");
            if (taskGroup.Scaling is { } scaling)
            {
                if (scaling.Min is { } min && wanted < min)
                {
                    throw CommandInputException.Invalid($"{jobId}/{group} cannot go below {Number(min)} (its scaling policy allows {Number(min)}..{(scaling.Max is { } m ? Number(m) : "any")})");
                }

                if (scaling.Max is { } max && wanted > max)
                {
                    throw CommandInputException.Invalid($"{jobId}/{group} cannot go above {Number(max)} (its scaling policy allows {(scaling.Min is { } n ? Number(n) : "0")}..{Number(max)})");
                }
            }

            if (taskGroup.Count == wanted && !job.Stop)
            {
                return $"{jobId}/{group} already has count {Number(wanted)}";
            }

            await api.ScaleTaskGroupAsync(jobId, new ScalingRequest
            {
                Count = wanted,
                Target = new ScalingTarget { Group = group },
                Message = $"scaled by {caller.User} with Styx",
            }, ct).ConfigureAwait(false);
            return $"{jobId}/{group} count {Number(taskGroup.Count ?? 0)} → {Number(wanted)}";
        }, cancellationToken);

    /// <summary>Registers an earlier version of a job again.</summary>
    public Task<CommandResult> RevertJobAsync(Caller caller, string jobId, string version, CancellationToken cancellationToken) =>
        RunAsync(caller, ClusterAction.JobRevert, AuditTarget.Job(jobId), Args(("job", jobId), ("version", version)), jobId, async (api, ct) =>
        {
            RequireName(jobId, "job");
            if (!ulong.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
            {
                throw CommandInputException.Invalid($"version \"{version}\" is not a version number; `job {jobId}` lists them");
            }

            await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
            await api.RevertJobAsync(jobId, new JobRevertRequest { JobID = jobId, JobVersion = number }, ct).ConfigureAwait(false);
            return $"{jobId} reverted to version {version}";
        }, cancellationToken);

    private static async Task<string> StartAsync(INomadApi api, string jobId, CancellationToken ct)
    {
        RequireName(jobId, "job");
        var job = await ReadJobAsync(api, jobId, ct).ConfigureAwait(false);
        if (!job.Stop)
        {
            return $"{jobId} is already running";
        }

        // EnforceIndex: if someone changed the job since we read it, Nomad refuses rather than overwriting their change.
        await api.RegisterJobAsync(new JobRegisterRequest { Job = job with { Stop = false }, EnforceIndex = true, JobModifyIndex = job.JobModifyIndex }, ct).ConfigureAwait(false);
        return $"{jobId} started";
    }
}
