using System.Globalization;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using Styx.Cluster.Net;

namespace Styx.Cluster.Loki;

/// <summary>The live tail: <c>/loki/api/v1/tail</c> over WebSocket (cluster-apis.md §2), with resume across drops.</summary>
public sealed partial class LokiClient
{
    /// <summary>First wait before a reconnect; doubles per failed attempt up to <see cref="MaxBackoff"/>.</summary>
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Page size when filling the gap of a drop with query_range, and the least history a reconnected tail asks for:
    /// under Loki's default max_entries_limit_per_query (5000), so any default Loki accepts it.
    /// </summary>
    private const int ResumeLimit = 1000;

    /// <summary>
    /// Live tail. Reconnects (after a backoff on <c>time</c>) when the socket drops, resuming from the newest timestamp
    /// received: the gap is first filled with query_range, then the tail reopens from there, and entries already
    /// delivered at that timestamp are skipped, so no line is lost or repeated across a drop. Yields batches, oldest
    /// first; <see cref="LokiTailEvent.Error"/> is set when a connection failed and a reconnect is pending. The
    /// enumeration ends only when <paramref name="ct"/> is cancelled, or with a <see cref="LokiException"/> when Loki
    /// refuses the request itself (4xx other than 429: a bad query will never succeed).
    /// </summary>
    public async IAsyncEnumerable<LokiTailEvent> TailAsync(string query, DateTimeOffset start, int limit, [EnumeratorCancellation] CancellationToken ct)
    {
        var cursor = new LokiTailCursor(start);
        var backoff = FirstBackoff;
        var reconnecting = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            string? error = null;
            if (reconnecting)
            {
                cursor.Resume();
                List<LokiEntry>? gap;
                (gap, error) = await FillGapAsync(query, cursor, ct).ConfigureAwait(false);
                if (gap is { Count: > 0 })
                {
                    yield return new LokiTailEvent(gap, 0, null);
                }
            }

            if (error is null)
            {
                var (socket, refused) = await ConnectAsync(query, reconnecting ? cursor.ResumeFrom : start, reconnecting ? Math.Max(limit, ResumeLimit) : limit, ct).ConfigureAwait(false);
                error = refused;
                if (socket is not null)
                {
                    using (socket)
                    {
                        while (true)
                        {
                            var (message, failure) = await ReceiveAsync(socket, ct).ConfigureAwait(false);
                            if (message is null)
                            {
                                error = failure;
                                break;
                            }

                            var (entries, dropped) = message.Value;
                            var fresh = cursor.Accept(entries);
                            backoff = FirstBackoff;
                            if (fresh.Count > 0 || dropped > 0)
                            {
                                yield return new LokiTailEvent(fresh, dropped, null);
                            }
                        }
                    }
                }
            }

            yield return new LokiTailEvent([], 0, $"{error}; reconnecting in {backoff.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)} s");
            await Task.Delay(backoff, time, ct).ConfigureAwait(false);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
            reconnecting = true;
        }
    }

    /// <summary>The lines written while the tail was down: query_range forward from the resume point to now, page by page.</summary>
    private async Task<(List<LokiEntry>? Entries, string? Error)> FillGapAsync(string query, LokiTailCursor cursor, CancellationToken ct)
    {
        var all = new List<LokiEntry>();
        var from = cursor.ResumeFrom;
        var until = time.GetUtcNow();
        try
        {
            while (from < until)
            {
                var page = await QueryRangeAsync(query, from, until, ResumeLimit, LokiDirection.Forward, null, ct).ConfigureAwait(false);
                var entries = page.Streams.SelectMany(s => s.Entries).OrderBy(e => e.TimestampNs).ToList();
                all.AddRange(cursor.Accept(entries));
                var next = entries.Count > 0 ? entries[^1].Time : until;
                if (entries.Count < ResumeLimit || next <= from)
                {
                    break;
                }

                from = next;
            }

            return (all, null);
        }
        catch (LokiException ex)
        {
            return (all, "Loki could not fill the gap: " + ex.Message);
        }
    }

    private async Task<(ClientWebSocket? Socket, string? Error)> ConnectAsync(string query, DateTimeOffset start, int limit, CancellationToken ct)
    {
        var path = $"/loki/api/v1/tail?query={Uri.EscapeDataString(query)}&start={LokiTime.Parameter(start)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (http.DefaultRequestHeaders.TryGetValues(TenantHeader, out var tenants))
        {
            socket.Options.SetRequestHeader(TenantHeader, string.Join('|', tenants));
        }

        try
        {
            await socket.ConnectAsync(WebSocketAddress(path), ct).ConfigureAwait(false);
            ObserveTail(((int)socket.HttpStatusCode).ToString(CultureInfo.InvariantCulture));
            return (socket, null);
        }
        catch (OperationCanceledException)
        {
            ObserveTail(ObservingHandler.Cancelled);
            socket.Dispose();
            throw;
        }
        catch (WebSocketException ex) when (!ct.IsCancellationRequested)
        {
            var status = (int)socket.HttpStatusCode;
            ObserveTail(status > 0 ? status.ToString(CultureInfo.InvariantCulture) : ObservingHandler.Error);
            socket.Dispose();
            if (status is >= 400 and < 500 and not 429)
            {
                // Loki checks the request before upgrading, so the same request over plain HTTP gets its error text.
                throw await RefusalAsync(path, status, ct).ConfigureAwait(false);
            }

            return (null, status > 0 ? $"Loki refused the tail ({status})" : $"could not open the tail to Loki at {ConnectionFailure.Where(http.BaseAddress)} ({ex.Message})");
        }
    }

    private void ObserveTail(string status) => _observer?.OnRequest(LokiRoutes.All.Upstream, LokiRoutes.Tail, status);

    private async Task<LokiException> RefusalAsync(string path, int status, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(path, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return ErrorFromBody((int)response.StatusCode, body);
        }
        catch (HttpRequestException)
        {
            return new LokiException($"Loki refused the tail ({status})", status);
        }
    }

    /// <summary>One whole message, or null with the reason the connection ended.</summary>
    private static async Task<((IReadOnlyList<LokiEntry> Entries, int Dropped)? Message, string? Error)> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return (null, $"Loki closed the tail ({socket.CloseStatus}: {socket.CloseStatusDescription})");
                }

                message.Write(buffer, 0, received.Count);
                if (received.EndOfMessage)
                {
                    return (LokiResponseReader.TailMessage(message.GetBuffer().AsMemory(0, (int)message.Length)), null);
                }
            }
        }
        catch (WebSocketException ex) when (!ct.IsCancellationRequested)
        {
            return (null, $"the tail connection to Loki dropped ({ex.Message})");
        }
        catch (LokiException ex)
        {
            return (null, ex.Message);
        }
    }

    private Uri WebSocketAddress(string path)
    {
        var address = new Uri(http.BaseAddress ?? throw new InvalidOperationException("the HttpClient has no BaseAddress (Loki's address)"), path);
        var builder = new UriBuilder(address) { Scheme = address.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" };
        return builder.Uri;
    }
}
