using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// <c>/loki/api/v1/tail</c> over WebSocket (cluster-apis.md §2): history from <c>start</c> (the newest <c>limit</c>
/// lines, oldest first), then new lines as simulated time advances, one <c>{"streams":[…]}</c> message per batch.
/// </summary>
internal sealed partial class LokiEndpoints
{
    /// <summary>Loki's upper bound for <c>delay_for</c>, in seconds (source <c>loghttp.ParseTailQuery</c>).</summary>
    private const int MaxDelayFor = 5;

    /// <summary>Entries per message, so a burst goes out as several frames of bounded size.</summary>
    private const int MaxEntriesPerMessage = 1000;

    private async Task TailAsync(HttpContext context)
    {
        // Loki parses the request before upgrading, so a bad one is a plain 400 with its text.
        var expression = LogQLParser.Parse(LokiParameters.Value(context, "query") ?? "");
        var query = expression as LogQLLogQuery
                    ?? throw DemoApiException.BadRequest("tail is only supported for log queries"); // NOT VERIFIED: Loki's exact text
        var limit = LokiParameters.Limit(context);
        var delayText = LokiParameters.Value(context, "delay_for");
        var delayFor = 0;
        if (!string.IsNullOrEmpty(delayText) && (!int.TryParse(delayText, NumberStyles.None, CultureInfo.InvariantCulture, out delayFor) || delayFor > MaxDelayFor))
        {
            throw DemoApiException.BadRequest($"delay_for can't be greater than {MaxDelayFor}");
        }

        var start = LokiParameters.Time(context, "start", cluster.Now - TimeSpan.FromHours(1));
        if (!context.WebSockets.IsWebSocketRequest)
        {
            throw DemoApiException.BadRequest("websocket: the client is not using the websocket protocol: 'upgrade' token not found in 'Connection' header");
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        tails.Opened(context);
        try
        {
            await RunTailAsync(socket, query, DemoCluster.ToNanos(start), limit, TimeSpan.FromSeconds(delayFor), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            tails.Closed();
        }
    }

    private async Task RunTailAsync(WebSocket socket, LogQLLogQuery query, long startNs, int limit, TimeSpan delayFor, CancellationToken aborted)
    {
        // Captured once: CloseAll swaps in a fresh token for tails opened later.
        var closing = tails.Closing;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted, closing);
        var token = stop.Token;
        // The client sends nothing but a close; reading notices it. Only the client's hang-up cancels the read: a
        // cancelled read aborts the socket, which would lose the close frame the knob below sends.
        var hangUp = DrainAsync(socket, aborted);
        var evaluator = new LogQLEvaluator(Store);
        try
        {
            var (history, sentUpTo) = Store.Read(() =>
            {
                var upTo = DemoCluster.ToNanos(Store.Watermark - delayFor);
                var newest = evaluator.Entries(query, startNs, upTo + 1, limit, forward: false);
                newest.Reverse();
                return (newest, upTo);
            });
            await SendAsync(socket, history, token).ConfigureAwait(false);
            while (!hangUp.IsCompleted)
            {
                await Task.WhenAny(hangUp, Task.Delay(cluster.Options.Tick, cluster.Time, token)).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                var from = sentUpTo + 1;
                var (entries, upTo) = Store.Read(() =>
                {
                    var upTo = DemoCluster.ToNanos(Store.Watermark - delayFor);
                    return (upTo >= from ? evaluator.Entries(query, from, upTo + 1, int.MaxValue, forward: true) : [], Math.Max(upTo, sentUpTo));
                });
                sentUpTo = upTo;
                await SendAsync(socket, entries, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            // The demo knob: close from the server side, as a restarting Loki would.
            await socket.CloseOutputAsync(WebSocketCloseStatus.EndpointUnavailable, "Styx.Demo closed the tail", aborted).ConfigureAwait(false);
            // Give the client a moment to answer the close, so the handshake completes before the connection ends.
            await Task.WhenAny(hangUp, Task.Delay(TimeSpan.FromSeconds(5), cluster.Time, aborted)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (WebSocketException)
        {
            // The connection broke mid-send.
        }
    }

    private static async Task DrainAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Closed either way.
        }
    }

    private static async Task SendAsync(WebSocket socket, List<LokiEntry> entries, CancellationToken cancellationToken)
    {
        for (var first = 0; first < entries.Count; first += MaxEntriesPerMessage)
        {
            var buffer = new ArrayBufferWriter<byte>();
            await using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WritePropertyName("streams");
                LokiWire.Streams(json, entries.Skip(first).Take(MaxEntriesPerMessage));
                json.WriteEndObject();
            }

            await socket.SendAsync(buffer.WrittenMemory, WebSocketMessageType.Text, true, cancellationToken).ConfigureAwait(false);
        }
    }
}
