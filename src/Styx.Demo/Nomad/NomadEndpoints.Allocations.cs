using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// Allocations: list, read, stop, restart, resource stats, services and checks. The list is per namespace (<c>*</c>: all); an allocation
/// ID is global, so reading, stopping and restarting one ignore the request's namespace, as Nomad does.
/// </summary>
internal sealed partial class NomadEndpoints
{
    private void MapAllocations(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/allocations", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var prefix = Prefix(context);
            var wanted = ListNamespace(context);
            // Nomad includes task states unless task_states=false.
            var taskStates = context.Request.Query["task_states"].ToString() is not ("false" or "0");
            await query.WaitAsync(cluster, DemoTable.Allocations, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Allocations.Values
                    .Where(a => InNamespace(wanted, a.Namespace) && (prefix is null || a.Id.StartsWith(prefix, StringComparison.Ordinal)))
                    .OrderBy(a => a.CreateIndex)
                    .Select(a => (JsonNode)NomadWire.AllocationStub(a, taskStates))
                    .ToArray()),
                cluster.TableIndex(DemoTable.Allocations)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/allocation/{id}", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var id = Id(context);
            _ = RequireAllocation(id, "alloc not found");
            await query.WaitAsync(cluster, DemoTable.Allocations, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() =>
            {
                var allocation = RequireAllocation(id, "alloc not found");
                return (NomadWire.Allocation(allocation, cluster.Jobs.GetValueOrDefault(allocation.JobKey)), cluster.TableIndex(DemoTable.Allocations));
            });
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/allocation/{id}/stop", async context =>
        {
            Authorize(context, NomadCapability.AllocLifecycle);
            var (evalId, index) = cluster.StopAllocationById(Id(context));
            await NomadResponses.JsonAsync(context, new JsonObject { ["EvalID"] = evalId, ["Index"] = index }, index).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/client/allocation/{id}/restart", async context =>
        {
            Authorize(context, NomadCapability.AllocLifecycle);
            var request = context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0
                ? await BodyAsync(context).ConfigureAwait(false)
                : [];
            cluster.RestartAllocation(Id(context), (string?)request["TaskName"], (bool?)request["AllTasks"] ?? false);
            await NomadResponses.JsonAsync(context, new JsonObject()).ConfigureAwait(false);
        });

        routes.MapGet("/v1/client/allocation/{id}/stats", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var id = Id(context);
            var body = cluster.Read(() =>
            {
                var allocation = cluster.FindAllocation(id) ?? throw DemoApiException.NotFound($"Unknown allocation \"{id}\"");
                if (allocation.ClientStatus != "running")
                {
                    throw new DemoApiException(500, "alloc is not running");
                }

                return DemoStats.Allocation(allocation, cluster.Now);
            });
            await NomadResponses.JsonAsync(context, body).ConfigureAwait(false);
        });

        // Unlike reading the allocation, its services are looked up in the request's namespace: an allocation of
        // another namespace is "not found" here (Nomad's Alloc.GetServiceRegistrations).
        routes.MapGet("/v1/allocation/{id}/services", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var id = Id(context);
            var @namespace = RequestNamespace(context);
            await query.WaitAsync(cluster, DemoTable.Services, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() =>
            {
                if (!cluster.Allocations.TryGetValue(id, out var allocation) || allocation.Namespace != @namespace)
                {
                    throw DemoApiException.NotFound("allocation not found");
                }

                var registrations = allocation.ClientStatus == "running" && allocation.DesiredStatus == "run" ? RegistrationsOf(allocation) : [];
                return (new JsonArray(registrations.Select(r => (JsonNode)r).ToArray()), cluster.TableIndex(DemoTable.Services));
            });
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        // The docs name /v1/allocation/:id/checks, the Go client calls /v1/client/allocation/:id/checks: Nomad routes
        // both to the same handler, which asks the allocation's client (not a blocking query, no index).
        routes.MapGet("/v1/allocation/{id}/checks", ChecksAsync);
        routes.MapGet("/v1/client/allocation/{id}/checks", ChecksAsync);

        routes.MapMethods("/v1/allocation/{id}/{rest}", ["GET", "POST", "PUT"], context => throw DemoApiException.NotFound("resource not found"));
        routes.MapMethods("/v1/client/allocation/{id}/{rest}", ["GET", "POST", "PUT"], context => throw DemoApiException.NotFound("resource not found"));
    }

    private async Task ChecksAsync(HttpContext context)
    {
        Authorize(context, NomadCapability.ReadJob);
        var id = Id(context);
        var body = cluster.Read(() => cluster.Allocations.TryGetValue(id, out var allocation)
            ? DemoChecks.Of(allocation, cluster.Jobs.GetValueOrDefault(allocation.JobKey), cluster.Options, cluster.Now)
            : throw DemoApiException.NotFound($"Unknown allocation \"{id}\""));
        await NomadResponses.JsonAsync(context, body).ConfigureAwait(false);
    }

    private DemoAllocation RequireAllocation(string id, string notFound) =>
        cluster.Read(() => cluster.FindAllocation(id)) ?? throw DemoApiException.NotFound(notFound);
}
