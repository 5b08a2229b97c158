using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// Namespaces (Nomad's <c>namespace_endpoint.go</c>): the list, filtered to the namespaces the token holds any
/// capability in, and one namespace, refused (403) to a token with none there before it is even looked up. The
/// demo's namespaces are fixed: creating and deleting them (management only in Nomad) is not simulated.
/// </summary>
internal sealed partial class NomadEndpoints
{
    private void MapNamespaces(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/namespaces", async context =>
        {
            var token = ResolveToken(context);
            var query = BlockingQuery.From(context.Request.Query);
            var prefix = Prefix(context);
            await query.WaitAsync(cluster, DemoTable.Namespaces, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => (
                new JsonArray(cluster.Namespaces.Values
                    .Where(n => AllowsNamespace(token) && (prefix is null || n.Name.StartsWith(prefix, StringComparison.Ordinal)))
                    .OrderBy(n => n.Name, StringComparer.Ordinal)
                    .Select(n => (JsonNode)NomadWire.Namespace(n))
                    .ToArray()),
                cluster.TableIndex(DemoTable.Namespaces)));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });

        routes.MapGet("/v1/namespace/{name}", async context =>
        {
            var token = ResolveToken(context);
            if (!AllowsNamespace(token))
            {
                throw new DemoApiException(403, "Permission denied");
            }

            var name = Id(context, "name");
            var query = BlockingQuery.From(context.Request.Query);
            await query.WaitAsync(cluster, DemoTable.Namespaces, context.RequestAborted).ConfigureAwait(false);
            var (body, index) = cluster.Read(() => cluster.Namespaces.TryGetValue(name, out var ns)
                ? (NomadWire.Namespace(ns), ns.ModifyIndex)
                : throw DemoApiException.NotFound("Namespace not found"));
            await NomadResponses.JsonAsync(context, body, index).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Nomad's <c>AllowNamespace</c>: any capability in the namespace. The demo's role tokens hold theirs in every
    /// namespace (a <c>namespace "*"</c> policy), so a token either sees all of them or, like the anonymous one, none.
    /// </summary>
    private bool AllowsNamespace(DemoToken token) =>
        !acl.Enabled || token.Type == "management" || !token.Capabilities.IsEmpty;
}
