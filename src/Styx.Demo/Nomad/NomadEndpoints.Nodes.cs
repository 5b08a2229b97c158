using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>Nodes: list, read, allocations, drain, eligibility and host stats.</summary>
internal sealed partial class NomadEndpoints
{
    private void MapNodes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/nodes", async context =>
        {
            Authorize(context, NomadCapability.NodeRead);
            var query = BlockingQuery.From(context.Request.Query);
            var prefix = Prefix(context);
            var resources = Flag(context, "resources");
            await query.WaitAsync(cluster, DemoTable.Nodes, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Nodes.Values
                    .Where(n => prefix is null || n.Id.StartsWith(prefix, StringComparison.Ordinal))
                    .OrderBy(n => n.Id, StringComparer.Ordinal)
                    .Select(n => (JsonNode)NomadWire.NodeStub(n, resources))
                    .ToArray()),
                cluster.TableIndex(DemoTable.Nodes)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/node/{id}", async context =>
        {
            Authorize(context, NomadCapability.NodeRead);
            var query = BlockingQuery.From(context.Request.Query);
            var id = Id(context);
            cluster.Read(() => cluster.FindNode(id));
            await query.WaitAsync(cluster, DemoTable.Nodes, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (NomadWire.Node(cluster.FindNode(id)), cluster.TableIndex(DemoTable.Nodes)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/node/{id}/allocations", async context =>
        {
            Authorize(context, NomadCapability.NodeRead);
            var query = BlockingQuery.From(context.Request.Query);
            var id = Id(context);
            var node = cluster.Read(() => cluster.FindNode(id));
            await query.WaitAsync(cluster, DemoTable.Allocations, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Allocations.Values.Where(a => a.Node == node).OrderBy(a => a.CreateIndex)
                    .Select(a => (JsonNode)NomadWire.Allocation(a, cluster.Jobs.GetValueOrDefault(a.JobKey))).ToArray()),
                cluster.TableIndex(DemoTable.Allocations)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/node/{id}/drain", async context =>
        {
            var token = Authorize(context, NomadCapability.NodeWrite);
            var request = await BodyAsync(context).ConfigureAwait(false);
            var spec = request["DrainSpec"] as JsonObject;
            var meta = (request["Meta"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "");
            var index = cluster.UpdateDrain(
                Id(context),
                spec is null ? null : (long?)spec["Deadline"] ?? 0,
                (bool?)spec?["IgnoreSystemJobs"] ?? false,
                (bool?)request["MarkEligible"] ?? false,
                meta,
                token.AccessorId);
            await NomadResponses.JsonAsync(context, UpdateResponse(index), index).ConfigureAwait(false);
        });

        MapWrite(routes, "/v1/node/{id}/eligibility", async context =>
        {
            Authorize(context, NomadCapability.NodeWrite);
            var request = await BodyAsync(context).ConfigureAwait(false);
            var eligibility = (string?)request["Eligibility"] ?? "";
            var index = cluster.UpdateEligibility(Id(context), eligibility);
            await NomadResponses.JsonAsync(context, UpdateResponse(index), index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/client/stats", async context =>
        {
            Authorize(context, NomadCapability.NodeRead);
            var nodeId = context.Request.Query["node_id"].ToString();
            var body = cluster.Read(() =>
            {
                var node = nodeId.Length > 0 ? cluster.FindNode(nodeId) : cluster.Nodes.Values.First();
                var allocations = cluster.Allocations.Values.Where(a => a.Node == node && a.ClientStatus == "running").ToList();
                return DemoStats.Host(node, allocations, cluster.Now);
            });
            await NomadResponses.JsonAsync(context, body).ConfigureAwait(false);
        });
    }

    private static JsonObject UpdateResponse(ulong index) => new()
    {
        ["EvalIDs"] = null,
        ["EvalCreateIndex"] = 0,
        ["NodeModifyIndex"] = index,
        ["Index"] = index,
    };
}
