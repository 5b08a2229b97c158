using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>
/// The simulated Nomad HTTP API: the endpoints of cluster-apis.md §1.3 that Styx uses, with Nomad's paths, ACL checks,
/// blocking queries and error texts. The other parts of this class hold the endpoint families.
/// </summary>
internal sealed partial class NomadEndpoints(DemoCluster cluster, DemoAcl acl)
{
    public const string TokenItem = "styx.demo.token";

    public void Map(IEndpointRouteBuilder routes)
    {
        MapCluster(routes);
        MapNamespaces(routes);
        MapNodes(routes);
        MapJobs(routes);
        MapAllocations(routes);
        MapStreams(routes);
    }

    /// <summary>
    /// Resolves the request's token (<c>X-Nomad-Token</c> or <c>Authorization: Bearer</c>) and checks that it holds
    /// one of <paramref name="anyOf"/>; Nomad answers 403 <c>ACL token not found</c> or <c>Permission denied</c>.
    /// </summary>
    private DemoToken Authorize(HttpContext context, params NomadCapability[] anyOf)
    {
        var token = ResolveToken(context);
        if (!acl.Enabled || anyOf.Length == 0 || anyOf.Any(token.Allows))
        {
            return token;
        }

        throw new DemoApiException(403, "Permission denied");
    }

    private DemoToken ResolveToken(HttpContext context)
    {
        string? secret = context.Request.Headers["X-Nomad-Token"];
        if (string.IsNullOrEmpty(secret) && context.Request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            secret = authorization["Bearer ".Length..].Trim();
        }

        var token = acl.Resolve(secret) ?? throw new DemoApiException(403, "ACL token not found");
        context.Items[TokenItem] = token.Name;
        return token;
    }

    private static string Id(HttpContext context, string name = "id") =>
        Uri.UnescapeDataString(context.Request.RouteValues[name] as string ?? "");

    private static bool Flag(HttpContext context, string name)
    {
        var value = context.Request.Query[name].ToString();
        return value.Length > 0 && (value == "1" || bool.TryParse(value, out var flag) && flag);
    }

    /// <summary>
    /// The namespace a request addresses (cluster-apis.md §1.1, Nomad's <c>parseNamespace</c>): the <c>namespace</c>
    /// parameter, <c>default</c> when it is absent or empty. On list endpoints <c>*</c> means every namespace.
    /// </summary>
    private static string RequestNamespace(HttpContext context) =>
        context.Request.Query["namespace"].ToString() is { Length: > 0 } name ? name : DemoNamespace.Default;

    /// <summary>What a list endpoint covers: one namespace, or null for <c>*</c> (every namespace the token may see).</summary>
    private static string? ListNamespace(HttpContext context) =>
        RequestNamespace(context) is var name && name == AllNamespaces ? null : name;

    /// <summary>Nomad's wildcard namespace (<c>structs.AllNamespacesSentinel</c>).</summary>
    private const string AllNamespaces = "*";

    private static bool InNamespace(string? wanted, string @namespace) => wanted is null || wanted == @namespace;

    /// <summary>The job a job endpoint addresses: its ID in the path, in the request's namespace.</summary>
    private static NamespacedId JobKey(HttpContext context) => new(RequestNamespace(context), Id(context));

    private static string? Prefix(HttpContext context) =>
        context.Request.Query.TryGetValue("prefix", out var prefix) ? prefix.ToString() : null;

    /// <summary>Reads a JSON object body with Nomad's 400 texts for an empty or malformed one.</summary>
    private static async Task<JsonObject> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DemoApiException.BadRequest("Request body is empty");
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw DemoApiException.BadRequest("json: cannot unmarshal non-object into Go value");
        }
        catch (JsonException ex)
        {
            throw DemoApiException.BadRequest("invalid character in JSON body: " + ex.Message);
        }
    }

    private static void MapWrite(IEndpointRouteBuilder routes, string pattern, RequestDelegate handler) =>
        routes.MapMethods(pattern, ["POST", "PUT"], handler);
}
