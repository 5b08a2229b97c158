using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>Agent, status, ACL token, services and deployments.</summary>
internal sealed partial class NomadEndpoints
{
    private void MapCluster(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/agent/self", async context =>
        {
            Authorize(context, NomadCapability.AgentRead);
            var leader = cluster.Read(() => cluster.Leader);
            var server = cluster.Read(() => cluster.Nodes.Values.FirstOrDefault(n => n.NodeClass == "server") ?? cluster.Nodes.Values.First());
            var body = new JsonObject
            {
                ["config"] = new JsonObject
                {
                    ["Region"] = "global",
                    ["Datacenter"] = "styx",
                    ["NodeName"] = server.Name,
                    ["Version"] = new JsonObject { ["Version"] = NomadWire.NomadVersion, ["VersionPrerelease"] = "", ["VersionMetadata"] = "", ["Revision"] = "" },
                    ["ACL"] = new JsonObject { ["Enabled"] = acl.Enabled },
                },
                ["member"] = new JsonObject
                {
                    ["Name"] = server.Name + ".global",
                    ["Addr"] = server.Address,
                    ["Port"] = 4648,
                    ["Status"] = "alive",
                    ["Tags"] = new JsonObject { ["region"] = "global", ["dc"] = "styx", ["role"] = "nomad", ["build"] = NomadWire.NomadVersion },
                },
                ["stats"] = new JsonObject
                {
                    ["nomad"] = new JsonObject
                    {
                        ["server"] = "true",
                        ["leader"] = "true",
                        ["leader_addr"] = leader,
                        ["bootstrap"] = "false",
                        ["known_regions"] = "1",
                    },
                },
            };
            await NomadResponses.JsonAsync(context, body).ConfigureAwait(false);
        });

        routes.MapGet("/v1/status/leader", async context =>
            await NomadResponses.JsonAsync(context, JsonValue.Create(cluster.Read(() => cluster.Leader))).ConfigureAwait(false));

        routes.MapGet("/v1/acl/token/self", async context =>
        {
            var token = ResolveToken(context);
            if (!acl.Enabled)
            {
                token = new DemoToken("acls-disabled", "", "ACLs disabled token", "client", []);
            }

            var body = new JsonObject
            {
                ["AccessorID"] = token.AccessorId,
                ["SecretID"] = token.SecretId,
                ["Name"] = token.Name,
                ["Type"] = token.Type,
                ["Policies"] = new JsonArray(token.Policies.Select(p => (JsonNode)p).ToArray()),
                ["Roles"] = null,
                ["Global"] = false,
                ["CreateTime"] = "2026-11-01T08:00:00Z",
                ["ExpirationTime"] = null,
                ["CreateIndex"] = 10,
                ["ModifyIndex"] = 10,
            };
            await NomadResponses.JsonAsync(context, body).ConfigureAwait(false);
        });

        routes.MapGet("/v1/services", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var wanted = ListNamespace(context);
            await query.WaitAsync(cluster, DemoTable.Services, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() =>
            {
                // One entry per namespace that has services (none at all: []), each with the union of every
                // instance's tags per service name (Nomad's ServiceRegistrationListStub).
                var lists = Registrations(wanted)
                    .GroupBy(r => (string)r["Namespace"]!)
                    .OrderBy(n => n.Key, StringComparer.Ordinal)
                    .Select(n => (JsonNode)new JsonObject
                    {
                        ["Namespace"] = n.Key,
                        ["Services"] = new JsonArray(n
                            .GroupBy(r => (string)r["ServiceName"]!)
                            .OrderBy(g => g.Key, StringComparer.Ordinal)
                            .Select(g => (JsonNode)new JsonObject
                            {
                                ["ServiceName"] = g.Key,
                                ["Tags"] = new JsonArray(g.SelectMany(r => ((JsonArray)r["Tags"]!).Select(t => (string)t!)).Distinct().Order(StringComparer.Ordinal).Select(t => (JsonNode)t).ToArray()),
                            })
                            .ToArray()),
                    })
                    .ToArray();
                return (new JsonArray(lists), cluster.TableIndex(DemoTable.Services));
            });
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/service/{name}", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var name = Id(context, "name");
            // Nomad looks the name up in exactly the request's namespace: "*" is not expanded here, it finds nothing.
            var @namespace = RequestNamespace(context);
            var query = BlockingQuery.From(context.Request.Query);
            await query.WaitAsync(cluster, DemoTable.Services, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(Registrations(@namespace).Where(r => (string?)r["ServiceName"] == name).Select(r => (JsonNode)r).ToArray()),
                cluster.TableIndex(DemoTable.Services)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/deployments", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var query = BlockingQuery.From(context.Request.Query);
            var wanted = ListNamespace(context);
            await query.WaitAsync(cluster, DemoTable.Deployments, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Deployments.Values.Where(d => InNamespace(wanted, d.Namespace)).OrderByDescending(d => d.CreateIndex).Select(d => (JsonNode)NomadWire.Deployment(d)).ToArray()),
                cluster.TableIndex(DemoTable.Deployments)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/deployment/{id}", async context =>
        {
            Authorize(context, NomadCapability.ReadJob);
            var id = Id(context);
            var body = cluster.Read(() => cluster.Deployments.Values.FirstOrDefault(d => d.Id.StartsWith(id, StringComparison.Ordinal)) is { } d ? NomadWire.Deployment(d) : null)
                       ?? throw DemoApiException.NotFound("deployment not found");
            await NomadResponses.JsonAsync(context, body, cluster.TableIndex(DemoTable.Deployments)).ConfigureAwait(false);
        });
    }

    /// <summary>Service registrations of running allocations in one namespace, or all for null (called under the lock).</summary>
    private IEnumerable<JsonObject> Registrations(string? wanted) =>
        cluster.Allocations.Values
            .Where(a => a.ClientStatus == "running" && a.DesiredStatus == "run" && InNamespace(wanted, a.Namespace))
            .OrderBy(a => a.CreateIndex)
            .SelectMany(RegistrationsOf);

    /// <summary>The service registrations one allocation makes (called under the lock).</summary>
    private IEnumerable<JsonObject> RegistrationsOf(DemoAllocation allocation) =>
        cluster.Jobs.TryGetValue(allocation.JobKey, out var job) && job.Group(allocation.TaskGroup) is { } group
            ? group.Services.Select(s => NomadWire.ServiceRegistration(allocation, s))
            : [];
}
