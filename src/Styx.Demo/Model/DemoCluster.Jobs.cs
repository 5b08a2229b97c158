using System.Globalization;
using System.Text.Json.Nodes;
using Styx.Demo.Nomad;

namespace Styx.Demo.Model;

/// <summary>Job operations, with the checks and error texts of Nomad's job endpoints.</summary>
internal sealed partial class DemoCluster
{
    /// <summary><c>POST /v1/jobs</c>: creates or updates a job; a changed definition becomes a new version.</summary>
    /// <param name="namespace">Where the job goes, already resolved the way Nomad's agent does (the <c>namespace</c>
    /// query parameter first, then the job's own <c>Namespace</c>); it must exist.</param>
    /// <param name="enforceIndex">When set, register only if the job's modify index still equals it (0: only if new).</param>
    public (string EvalId, ulong JobModifyIndex) RegisterJob(JsonObject definition, string @namespace, ulong? enforceIndex = null) => Write(() =>
    {
        var id = (string?)definition["ID"];
        if (string.IsNullOrWhiteSpace(id))
        {
            throw DemoApiException.BadRequest("Job ID does not match name");
        }

        if (definition["TaskGroups"] is not JsonArray { Count: > 0 })
        {
            throw DemoApiException.BadRequest("1 error occurred:\n\t* Missing job task groups\n\n");
        }

        if (!Namespaces.ContainsKey(@namespace))
        {
            // Nomad's namespace-constraint admission hook; its errors are gathered (multierror) and, uncoded, give 500.
            throw new DemoApiException(500, $"1 error occurred:\n\t* job \"{id}\" is in nonexistent namespace \"{@namespace}\"\n\n");
        }

        var key = new NamespacedId(@namespace, id);
        if (enforceIndex is { } expected)
        {
            var current = Jobs.GetValueOrDefault(key)?.JobModifyIndex ?? 0;
            if (current != expected)
            {
                // Nomad's text (RegisterEnforceIndexErrPrefix).
                throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture,
                    $"Enforcing job modify index {expected}: job exists with conflicting job modify index: {current}"));
            }
        }

        var stop = (bool?)definition["Stop"] ?? false;
        var spec = WithoutServerFields(definition);
        spec["Namespace"] = @namespace;
        if (Jobs.TryGetValue(key, out var job))
        {
            var changed = !JsonNode.DeepEquals(spec, job.Definition) || job.Stop != stop;
            if (changed)
            {
                job.Definition = spec;
                job.Stop = stop;
                NewVersion(job);
            }
        }
        else
        {
            job = new DemoJob { Id = id, Namespace = @namespace, Definition = spec, Stop = stop, CreateIndex = Touch(DemoTable.Jobs), SubmitTime = NowNanos };
            Jobs.Add(key, job);
            NewVersion(job);
        }

        var evalId = Ids.Next();
        Reconcile(job, "alloc not needed due to job update");
        StartDeployment(job);
        return (evalId, job.JobModifyIndex);
    });

    /// <summary>
    /// <c>DELETE /v1/job/:id</c>: stops the job, or with purge removes it at once. Like Nomad's <c>Job.Deregister</c>,
    /// a job that does not exist (in that namespace) is no error: the answer simply names no evaluation.
    /// </summary>
    public (string EvalId, ulong JobModifyIndex) DeregisterJob(NamespacedId key, bool purge) => Write(() =>
    {
        if (!Jobs.TryGetValue(key, out var job))
        {
            return ("", 0UL);
        }

        if (!job.Stop)
        {
            job.Stop = true;
            NewVersion(job);
        }

        Reconcile(job, "alloc not needed since job is stopped");
        CancelDeployments(job, "Cancelled because job is stopped");
        if (purge)
        {
            Jobs.Remove(key);
            Touch(DemoTable.Jobs);
            Publish("Job", "JobDeregistered", job.Id, "Job", NomadWire.Job(job), job.Namespace);
        }

        return (Ids.Next(), job.JobModifyIndex);
    });

    /// <summary>
    /// <c>POST /v1/job/:id/scale</c> with the checks of Nomad's <c>Job.Scale</c>: the group must exist, the count must
    /// not be negative and must respect the group's scaling policy.
    /// </summary>
    public (string EvalId, ulong JobModifyIndex) ScaleGroup(NamespacedId key, string group, long? count) => Write(() =>
    {
        var job = Jobs.GetValueOrDefault(key) ?? throw DemoApiException.NotFound("job not found");
        var spec = job.Group(group) ?? throw DemoApiException.BadRequest(
            $"task group \"{group}\" specified for scaling does not exist in job");
        if (count is null)
        {
            // A scaling event without a count only records an event; nothing changes.
            return ("", job.JobModifyIndex);
        }

        if (count < 0)
        {
            throw DemoApiException.BadRequest("scaling action count can't be negative");
        }

        if (spec.ScalingMin is { } min && count < min)
        {
            throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"group count was less than scaling policy minimum: {count} < {min}"));
        }

        if (spec.ScalingMax is { } max && count > max)
        {
            throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"group count was greater than scaling policy maximum: {count} > {max}"));
        }

        if (job.Stop)
        {
            // Nomad refuses to scale a stopped job up (it would start it without the operator meaning to).
            if (count > 0)
            {
                throw DemoApiException.BadRequest("job scaling blocked due to active deployment or stopped job");
            }
        }

        var definition = (JsonObject)job.Definition.DeepClone();
        foreach (var g in ((JsonArray)definition["TaskGroups"]!).OfType<JsonObject>())
        {
            if ((string?)g["Name"] == group)
            {
                g["Count"] = count;
            }
        }

        job.Definition = definition;
        NewVersion(job);
        Reconcile(job, "alloc not needed due to job update");
        StartDeployment(job);
        return (Ids.Next(), job.JobModifyIndex);
    });

    /// <summary><c>POST /v1/job/:id/revert</c>: registers an earlier version's definition as a new version.</summary>
    public (string EvalId, ulong JobModifyIndex) RevertJob(NamespacedId key, ulong version, ulong? enforcePriorVersion) => Write(() =>
    {
        var job = Jobs.GetValueOrDefault(key) ?? throw DemoApiException.NotFound("job not found");
        if (enforcePriorVersion is { } prior && prior != job.Version)
        {
            throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"Current job has version {job.Version}; enforcing version {prior}"));
        }

        if (version == job.Version)
        {
            throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"can't revert to current version {version}"));
        }

        var old = job.Versions.FirstOrDefault(v => (ulong?)v["Version"] == version)
                  ?? throw DemoApiException.BadRequest(string.Create(CultureInfo.InvariantCulture, $"job {job.Id} at version {version} not found"));
        job.Definition = WithoutServerFields(old);
        job.Stop = (bool?)old["Stop"] ?? false;
        NewVersion(job);
        Reconcile(job, "alloc not needed due to job update");
        StartDeployment(job);
        return (Ids.Next(), job.JobModifyIndex);
    });

    /// <summary>Current allocations of a job (Nomad keeps terminal ones until garbage collection).</summary>
    internal IEnumerable<DemoAllocation> AllocationsOf(NamespacedId job) => Allocations.Values.Where(a => a.JobId == job.Id && a.Namespace == job.Namespace);

    internal IEnumerable<DemoAllocation> AllocationsOf(DemoJob job) => AllocationsOf(job.Key);

    private static readonly string[] s_serverFields =
        ["Stop", "Status", "StatusDescription", "Stable", "Version", "SubmitTime", "CreateIndex", "ModifyIndex", "JobModifyIndex"];

    private static JsonObject WithoutServerFields(JsonObject definition)
    {
        var spec = (JsonObject)definition.DeepClone();
        foreach (var field in s_serverFields)
        {
            spec.Remove(field);
        }

        return spec;
    }

    private void NewVersion(DemoJob job)
    {
        var index = Touch(DemoTable.Jobs);
        if (job.Versions.Count > 0)
        {
            job.Version++;
        }

        job.Stable = false;
        job.ModifyIndex = index;
        job.JobModifyIndex = index;
        job.SubmitTime = NowNanos;
        UpdateJobStatus(job);
        job.Versions.Add(NomadWire.Job(job));
        // Nomad keeps the last 6 versions by default (job_tracked_versions).
        if (job.Versions.Count > 6)
        {
            job.Versions.RemoveAt(0);
        }

        Publish("Job", "JobRegistered", job.Id, "Job", NomadWire.Job(job), job.Namespace);
    }

    /// <summary>Nomad's job status: running while any allocation is not terminal, dead once stopped and drained.</summary>
    private void UpdateJobStatus(DemoJob job)
    {
        var allocations = AllocationsOf(job).ToList();
        var status = allocations.Any(a => !a.IsTerminal) ? "running"
            : job.Stop || (allocations.Count > 0 && job.Groups.All(g => g.Count == 0)) ? "dead"
            : "pending";
        if (status != job.Status)
        {
            job.Status = status;
            job.ModifyIndex = Touch(DemoTable.Jobs);
            if (job.Versions.Count > 0)
            {
                Publish("Job", "JobRegistered", job.Id, "Job", NomadWire.Job(job), job.Namespace);
            }
        }
    }

    private void StartDeployment(DemoJob job)
    {
        if (job.Type != "service" || job.Stop)
        {
            return;
        }

        if (Deployments.Values.Any(d => d.JobKey == job.Key && d.JobVersion == job.Version))
        {
            return;
        }

        CancelDeployments(job, "Cancelled due to newer version of job");
        var index = Touch(DemoTable.Deployments);
        var deployment = new DemoDeployment
        {
            Id = Ids.Next(),
            JobId = job.Id,
            Namespace = job.Namespace,
            JobVersion = job.Version,
            JobModifyIndex = job.JobModifyIndex,
            JobCreateIndex = job.CreateIndex,
            CreateIndex = index,
            ModifyIndex = index,
            CreateTime = NowNanos,
            ModifyTime = NowNanos,
        };
        foreach (var group in job.Groups)
        {
            deployment.TaskGroups[group.Name] = new DemoDeploymentGroup { DesiredTotal = group.Count, RequireProgressBy = Now.AddMinutes(10) };
        }

        Deployments.Add(deployment.Id, deployment);
        foreach (var allocation in AllocationsOf(job).Where(a => a.IsLive))
        {
            allocation.DeploymentId = deployment.Id;
        }

        UpdateDeployment(deployment);
        Publish("Deployment", "DeploymentStatusUpdate", deployment.Id, "Deployment", NomadWire.Deployment(deployment), deployment.Namespace);
    }

    private void CancelDeployments(DemoJob job, string reason)
    {
        foreach (var deployment in Deployments.Values.Where(d => d.JobKey == job.Key && d.IsActive))
        {
            deployment.Status = "cancelled";
            deployment.StatusDescription = reason;
            deployment.ModifyIndex = Touch(DemoTable.Deployments);
            deployment.ModifyTime = NowNanos;
            Publish("Deployment", "DeploymentStatusUpdate", deployment.Id, "Deployment", NomadWire.Deployment(deployment), deployment.Namespace);
        }
    }

    /// <summary>Recounts a deployment's progress from its allocations and completes it once every one is healthy.</summary>
    private void UpdateDeployment(DemoDeployment deployment)
    {
        if (!deployment.IsActive)
        {
            return;
        }

        var changed = false;
        var allocations = AllocationsOf(deployment.JobKey).Where(a => a.DeploymentId == deployment.Id).ToList();
        foreach (var (name, group) in deployment.TaskGroups)
        {
            var mine = allocations.Where(a => a.TaskGroup == name).ToList();
            var placed = mine.Count;
            var healthy = mine.Count(a => a.Healthy == true && a.IsLive);
            var unhealthy = mine.Count(a => a.Healthy == false);
            changed |= placed != group.PlacedAllocs || healthy != group.HealthyAllocs || unhealthy != group.UnhealthyAllocs;
            (group.PlacedAllocs, group.HealthyAllocs, group.UnhealthyAllocs) = (placed, healthy, unhealthy);
        }

        if (deployment.TaskGroups.Values.All(g => g.HealthyAllocs >= g.DesiredTotal))
        {
            deployment.Status = "successful";
            deployment.StatusDescription = "Deployment completed successfully";
            changed = true;
            if (Jobs.TryGetValue(deployment.JobKey, out var job) && job.Version == deployment.JobVersion)
            {
                job.Stable = true;
                job.ModifyIndex = Touch(DemoTable.Jobs);
                var stored = job.Versions.LastOrDefault();
                if (stored is not null)
                {
                    stored["Stable"] = true;
                }
            }
        }

        if (changed)
        {
            deployment.ModifyIndex = Touch(DemoTable.Deployments);
            deployment.ModifyTime = NowNanos;
            Publish("Deployment", "DeploymentStatusUpdate", deployment.Id, "Deployment", NomadWire.Deployment(deployment), deployment.Namespace);
        }
    }
}
