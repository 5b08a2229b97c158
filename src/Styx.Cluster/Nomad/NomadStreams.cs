using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Nomad's two streaming endpoints (cluster-apis.md §1.5), which Refit cannot model: the event stream (NDJSON) and
/// allocation logs (concatenated JSON frames). Both read incrementally and end when the caller cancels or Nomad closes.
/// </summary>
public sealed class NomadStreams(HttpClient http)
{
    /// <summary>
    /// <c>GET /v1/event/stream</c>. <paramref name="topics"/> are <c>Topic</c> or <c>Topic:key</c> (e.g. <c>Job:web</c>);
    /// heartbeats (<c>{}</c>, every 30 s) are yielded too so callers can tell a quiet stream from a dead one.
    /// </summary>
    public async IAsyncEnumerable<NomadEventsFrame> StreamEventsAsync(
        IEnumerable<string> topics,
        ulong index,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = string.Join('&', topics.Select(t => "topic=" + Uri.EscapeDataString(t)));
        var path = $"/v1/event/stream?index={index.ToString(CultureInfo.InvariantCulture)}" + (query.Length > 0 ? "&" + query : "");
        using var response = await SendStreamingAsync(path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        using var reader = new StreamReader(body);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<NomadEventsFrame>(line, NomadJson.Options) ?? new NomadEventsFrame();
        }
    }

    /// <summary>
    /// <c>GET /v1/client/fs/logs/:alloc_id</c> as frames. <paramref name="type"/> is <c>stdout</c> or <c>stderr</c>;
    /// <paramref name="origin"/> <c>start</c> or <c>end</c>; to tail the last N bytes use origin end, offset N.
    /// </summary>
    public async IAsyncEnumerable<StreamFrame> StreamLogsAsync(
        string allocationId,
        string task,
        string type,
        bool follow,
        string origin,
        long offset,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var path = $"/v1/client/fs/logs/{NomadUrlParameterFormatter.PathSegment(allocationId)}?task={Uri.EscapeDataString(task)}&type={Uri.EscapeDataString(type)}" +
                   $"&follow={(follow ? "true" : "false")}&origin={Uri.EscapeDataString(origin)}&offset={offset.ToString(CultureInfo.InvariantCulture)}";
        using var response = await SendStreamingAsync(path, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var bodyScope = body.ConfigureAwait(false);
        await foreach (var frame in StreamFrameReader.ReadAsync(body, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }
    }

    private async Task<HttpResponseMessage> SendStreamingAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Options.Set(NomadErrorHandler.Streaming, true);
        // Headers only: the body is read as it arrives, and the NomadErrorHandler has already mapped failures.
        return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
    }
}
