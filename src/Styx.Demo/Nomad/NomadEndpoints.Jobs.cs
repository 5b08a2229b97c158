using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// Jobs: list, register, read, stop/purge, allocations, summary, deployments, versions, scale, revert, services. A job
/// is addressed by its ID in the request's namespace (<c>namespace</c>, default <c>default</c>); the list takes
/// <c>*</c> for every namespace.
/// </summary>
internal sealed partial class NomadEndpoints
{
    private void MapJobs(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/jobs", async context =>
        {
            Authorize(context, NomadCapability.ListJobs);
            var query = BlockingQuery.From(context.Request.Query);
            var prefix = Prefix(context);
            var wanted = ListNamespace(context);
            await query.WaitAsync(cluster, DemoTable.Jobs, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() =>
            {
                var byJob = cluster.Allocations.Values.ToLookup(a => a.JobKey);
                // Nomad's jobs table is indexed by (namespace, ID): that is the order of a * listing.
                var jobs = cluster.Jobs.Values
                    .Where(j => InNamespace(wanted, j.Namespace) && (prefix is null || j.Id.StartsWith(prefix, StringComparison.Ordinal)))
                    .OrderBy(j => j.Namespace, StringComparer.Ordinal)
                    .ThenBy(j => j.Id, StringComparer.Ordinal)
                    .Select(j => (JsonNode)NomadWire.JobStub(j, NomadWire.JobSummary(j, byJob[j.Key], j.ModifyIndex)))
                    .ToArray();
                return (new JsonArray(jobs), cluster.TableIndex(DemoTable.Jobs));
            });
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/jobs", RegisterAsync);
        MapWrite(routes, "/v1/job/{id}", RegisterAsync);

        routes.MapGet("/v1/job/{id}", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var key = JobKey(context);
            RequireJob(key);
            await query.WaitAsync(cluster, DemoTable.Jobs, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (NomadWire.Job(RequireJob(key)), cluster.TableIndex(DemoTable.Jobs)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapDelete("/v1/job/{id}", async context =>
        {
            Authorize(context, NomadCapability.SubmitJob);
            var (evalId, jobModifyIndex) = cluster.DeregisterJob(JobKey(context), Flag(context, "purge"));
            await NomadResponses.JsonAsync(context, EvalResponse(evalId, jobModifyIndex), jobModifyIndex).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/allocations", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var key = JobKey(context);
            await query.WaitAsync(cluster, DemoTable.Allocations, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.AllocationsOf(key).OrderBy(a => a.CreateIndex).Select(a => (JsonNode)NomadWire.AllocationStub(a)).ToArray()),
                cluster.TableIndex(DemoTable.Allocations)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/summary", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var key = JobKey(context);
            RequireJob(key);
            await query.WaitAsync(cluster, DemoTable.Allocations, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() =>
            {
                var job = RequireJob(key);
                var index = Math.Max(job.ModifyIndex, cluster.TableIndex(DemoTable.Allocations));
                return (NomadWire.JobSummary(job, cluster.AllocationsOf(job), index), index);
            });
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/deployments", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var key = JobKey(context);
            await query.WaitAsync(cluster, DemoTable.Deployments, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Deployments.Values.Where(d => d.JobKey == key).OrderByDescending(d => d.CreateIndex).Select(d => (JsonNode)NomadWire.Deployment(d)).ToArray()),
                cluster.TableIndex(DemoTable.Deployments)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/deployment", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var key = JobKey(context);
            var body = cluster.Read(() => cluster.Deployments.Values.Where(d => d.JobKey == key).MaxBy(d => d.CreateIndex) is { } d ? NomadWire.Deployment(d) : null);
            await NomadResponses.JsonAsync(context, body, cluster.TableIndex(DemoTable.Deployments)).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/versions", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var key = JobKey(context);
            var body = cluster.Read(() =>
            {
                var job = cluster.Jobs.GetValueOrDefault(key) ?? throw DemoApiException.NotFound("job versions not found");
                return new JsonObject
                {
                    ["Versions"] = new JsonArray(job.Versions.AsEnumerable().Reverse().Select(v => v.DeepClone()).ToArray()),
                    ["Diffs"] = null,
                    ["Index"] = job.JobModifyIndex,
                    ["KnownLeader"] = true,
                    ["LastContact"] = 0,
                };
            });
            await NomadResponses.JsonAsync(context, body, (ulong?)body["Index"]).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/scale", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var key = JobKey(context);
            var body = cluster.Read(() =>
            {
                var job = RequireJob(key);
                var allocations = cluster.AllocationsOf(job).ToList();
                return new JsonObject
                {
                    ["JobID"] = job.Id,
                    ["Namespace"] = job.Namespace,
                    ["JobCreateIndex"] = job.CreateIndex,
                    ["JobModifyIndex"] = job.JobModifyIndex,
                    ["JobStopped"] = job.Stop,
                    ["TaskGroups"] = new JsonObject(job.Groups.Select(g => KeyValuePair.Create(g.Name, (JsonNode?)new JsonObject
                    {
                        ["Desired"] = g.Count,
                        ["Placed"] = allocations.Count(a => a.TaskGroup == g.Name && a.IsLive),
                        ["Running"] = allocations.Count(a => a.TaskGroup == g.Name && a.ClientStatus == "running" && a.DesiredStatus == "run"),
                        ["Healthy"] = allocations.Count(a => a.TaskGroup == g.Name && a.Healthy == true && a.IsLive),
                        ["Unhealthy"] = allocations.Count(a => a.TaskGroup == g.Name && a.Healthy == false && a.IsLive),
                        ["Events"] = null,
                    }))),
                };
            });
            await NomadResponses.JsonAsync(context, body, (ulong?)body["JobModifyIndex"]).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/job/{id}/scale", async context =>
        {
            Authorize(context, NomadCapability.ScaleJob, NomadCapability.SubmitJob);
            var request = await BodyAsync(context).ConfigureAwait(false);
            var group = (string?)request["Target"]?["Group"];
            if (string.IsNullOrEmpty(group))
            {
                throw DemoApiException.BadRequest("missing task group name for scaling action");
            }

            long? count = request["Count"] is JsonValue value
                ? value.TryGetValue<long>(out var number) ? number : throw DemoApiException.BadRequest("json: cannot unmarshal string into Go struct field ScalingRequest.Count of type int64")
                : null;
            var (evalId, jobModifyIndex) = cluster.ScaleGroup(JobKey(context), group, count);
            await NomadResponses.JsonAsync(context, EvalResponse(evalId, jobModifyIndex), jobModifyIndex).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/job/{id}/revert", async context =>
        {
            Authorize(context, NomadCapability.SubmitJob);
            var request = await BodyAsync(context).ConfigureAwait(false);
            var id = Id(context);
            if ((string?)request["JobID"] is { } bodyId && bodyId != id)
            {
                throw DemoApiException.BadRequest("Job ID does not match");
            }

            var version = (ulong?)request["JobVersion"] ?? 0;
            if ((string?)request["TaggedVersion"] is { Length: > 0 } tag)
            {
                throw DemoApiException.BadRequest($"version tag {tag} not found");
            }

            var (evalId, jobModifyIndex) = cluster.RevertJob(JobKey(context), version, (ulong?)request["EnforcePriorVersion"]);
            await NomadResponses.JsonAsync(context, EvalResponse(evalId, jobModifyIndex), jobModifyIndex).ConfigureAwait(false);
        });

        routes.MapGet("/v1/job/{id}/services", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var key = JobKey(context);
            var body = cluster.Read(() =>
            {
                RequireJob(key);
                return new JsonArray(Registrations(key.Namespace).Where(r => (string?)r["JobID"] == key.Id).Select(r => (JsonNode)r).ToArray());
            });
            await NomadResponses.JsonAsync(context, body, cluster.TableIndex(DemoTable.Services)).ConfigureAwait(false);
        });
    }

    private async Task RegisterAsync(HttpContext context)
    {
        Authorize(context, NomadCapability.SubmitJob);
        var request = await BodyAsync(context).ConfigureAwait(false);
        if (request["Job"] is not JsonObject job)
        {
            throw DemoApiException.BadRequest("Job must be specified");
        }

        if (context.Request.RouteValues.ContainsKey("id") && (string?)job["ID"] != Id(context))
        {
            throw DemoApiException.BadRequest("Job ID does not match name");
        }

        ulong? enforce = (bool?)request["EnforceIndex"] == true ? (ulong?)request["JobModifyIndex"] ?? 0 : null;
        var (evalId, jobModifyIndex) = cluster.RegisterJob(job, RegisterNamespace(context, request, job), enforce);
        await NomadResponses.JsonAsync(context, EvalResponse(evalId, jobModifyIndex), jobModifyIndex).ConfigureAwait(false);
    }

    private DemoJob RequireJob(NamespacedId key) =>
        cluster.Read(() => cluster.Jobs.GetValueOrDefault(key)) ?? throw DemoApiException.NotFound("job not found");

    /// <summary>
    /// Where a registered job goes, as Nomad's agent decides (<c>namespaceForJob</c>): the <c>namespace</c> query
    /// parameter wins, then the request body's <c>Namespace</c>, then the job's own, then <c>default</c>. So a client
    /// that adds its configured namespace to every request registers a job there whatever the job says.
    /// </summary>
    private static string RegisterNamespace(HttpContext context, JsonObject request, JsonObject job) =>
        context.Request.Query["namespace"].ToString() is { Length: > 0 } query ? query
        : (string?)request["Namespace"] is { Length: > 0 } body ? body
        : (string?)job["Namespace"] is { Length: > 0 } own ? own
        : DemoNamespace.Default;

    private static JsonObject EvalResponse(string evalId, ulong jobModifyIndex) => new()
    {
        ["EvalID"] = evalId,
        ["EvalCreateIndex"] = jobModifyIndex,
        ["JobModifyIndex"] = jobModifyIndex,
        ["Warnings"] = "",
        ["Index"] = jobModifyIndex,
        ["LastContact"] = 0,
        ["KnownLeader"] = false,
    };
}
