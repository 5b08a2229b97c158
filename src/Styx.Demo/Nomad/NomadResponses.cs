using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Styx.Demo.Nomad;

/// <summary>Writes answers the way Nomad's HTTP agent does: JSON with the meta headers, errors as bare text/plain.</summary>
internal static class NomadResponses
{
    public static async Task JsonAsync(HttpContext context, JsonNode? body, ulong? index = null)
    {
        if (index is { } i)
        {
            context.Response.Headers["X-Nomad-Index"] = i.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-Nomad-KnownLeader"] = "true";
            context.Response.Headers["X-Nomad-LastContact"] = "0";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body?.ToJsonString() ?? "null", context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task TextErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted).ConfigureAwait(false);
    }
}
