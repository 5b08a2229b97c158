using System.Text;
using System.Text.Json.Nodes;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Styx.Demo;

/// <summary>
/// Applies a <see cref="DemoFault"/> to one read: runs the real endpoint into a buffer, then sends a damaged version
/// of its answer (or none). Streaming endpoints (events, logs, the Loki tail) are left alone: their faults are a
/// dropped stream, which <see cref="DemoServer.Outage"/> and <see cref="DemoServer.CloseLokiTails"/> already give.
/// </summary>
internal static class FaultInjection
{
    public static bool Applies(HttpContext context, string? pathPrefix)
    {
        var path = context.Request.Path.Value ?? "";
        return HttpMethods.IsGet(context.Request.Method)
               && (pathPrefix is null || path.StartsWith(pathPrefix, StringComparison.Ordinal))
               && !path.StartsWith("/v1/event/stream", StringComparison.Ordinal)
               && !path.StartsWith("/v1/client/fs/", StringComparison.Ordinal)
               && !path.StartsWith("/loki/api/v1/tail", StringComparison.Ordinal);
    }

    /// <param name="stopping">Ends a stalled answer when the demo stops (the client's hang-up ends it too).</param>
    public static async Task AnswerAsync(HttpContext context, DemoFault fault, RequestDelegate next, TimeProvider time, CancellationToken stopping)
    {
        if (fault == DemoFault.DropBeforeBody)
        {
            context.Abort();
            return;
        }

        if (fault == DemoFault.NonJsonBody)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><head><title>Sign in to the network</title></head><body>Please sign in.</body></html>", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var real = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = real;
        }

        var body = buffer.ToArray();
        if (context.Response.StatusCode != 200 || body.Length < 2)
        {
            // Errors stay errors; only data answers are damaged.
            await real.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        switch (fault)
        {
            case DemoFault.CutShortBody:
                var half = body.AsMemory(0, body.Length / 2);
                context.Response.ContentLength = half.Length;
                await real.WriteAsync(half, context.RequestAborted).ConfigureAwait(false);
                return;
            case DemoFault.WrongFieldTypes:
                var damaged = Encoding.UTF8.GetBytes(NumbersToWords(JsonNode.Parse(body))?.ToJsonString() ?? "null");
                context.Response.ContentLength = damaged.Length;
                await real.WriteAsync(damaged, context.RequestAborted).ConfigureAwait(false);
                return;
            case DemoFault.DropMidBody:
                await DropMidBodyAsync(context, body, time, stopping).ConfigureAwait(false);
                return;
            case DemoFault.StallBody:
                context.Response.ContentLength = body.Length;
                await real.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted).ConfigureAwait(false);
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                await WaitForHangUpAsync(context, time, stopping).ConfigureAwait(false);
                return;
            default:
                await real.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// Headers promising the whole body, half of it, then FIN. Written on the socket itself: Kestrel's own writes go out
    /// later than its flush returns, and a reset (Abort) makes the client's kernel throw away what it has not read yet,
    /// headers included, so neither gives the client a half answer every time. The client finds the body short and
    /// hangs up, which ends this request without Kestrel writing anything.
    /// </summary>
    private static async Task DropMidBodyAsync(HttpContext context, byte[] body, TimeProvider time, CancellationToken stopping)
    {
        if (context.Features.Get<IConnectionSocketFeature>()?.Socket is not { } socket)
        {
            context.Abort();
            return;
        }

        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        await socket.SendAsync(head, SocketFlags.None, context.RequestAborted).ConfigureAwait(false);
        await socket.SendAsync(body.AsMemory(0, body.Length / 2), SocketFlags.None, context.RequestAborted).ConfigureAwait(false);
        socket.Shutdown(SocketShutdown.Send);
        await WaitForHangUpAsync(context, time, stopping).ConfigureAwait(false);
    }

    private static async Task WaitForHangUpAsync(HttpContext context, TimeProvider time, CancellationToken stopping)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await Task.Delay(Timeout.InfiniteTimeSpan, time, either.Token).ConfigureAwait(false);
    }

    private static JsonNode? NumbersToWords(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    obj[name] = NumbersToWords(value?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = NumbersToWords(array[i]?.DeepClone());
                }

                return array;
            case JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number:
                return JsonValue.Create("many");
            default:
                return node;
        }
    }
}
