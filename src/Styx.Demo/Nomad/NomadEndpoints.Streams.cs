using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Nomad;

/// <summary>The two streams (cluster-apis.md §1.5): the NDJSON event stream and allocation log frames.</summary>
internal sealed partial class NomadEndpoints
{
    private static readonly string[] s_topics =
        ["ACLPolicy", "ACLRole", "ACLToken", "Allocation", "CSIPlugin", "CSIVolume", "Deployment", "Evaluation", "HostVolume", "Job", "Node", "NodeDrain", "NodePool", "Operator", "Service", "*"];

    /// <summary>Nomad sends at most this much data per log frame.</summary>
    private const int MaxFrameBytes = 64 * 1024;

    private void MapStreams(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/event/stream", EventStreamAsync);
        routes.MapGet("/v1/client/fs/logs/{id}", LogsAsync);
    }

    private async Task EventStreamAsync(HttpContext context)
    {
        var filters = new List<(string Topic, string Key)>();
        foreach (var value in context.Request.Query["topic"])
        {
            var parts = (value ?? "").Split(':', 2);
            if (!s_topics.Contains(parts[0], StringComparer.Ordinal))
            {
                throw DemoApiException.BadRequest($"Invalid topic query: unknown topic {parts[0]}");
            }

            filters.Add((parts[0], parts.Length > 1 ? parts[1] : "*"));
        }

        if (filters.Count == 0 || filters.Any(f => f.Topic == "*"))
        {
            Authorize(context, NomadCapability.Management);
            filters = [("*", "*")];
        }
        else
        {
            foreach (var topic in filters.Select(f => f.Topic).Distinct())
            {
                Authorize(context, topic switch
                {
                    "Node" => NomadCapability.NodeRead,
                    "Allocation" or "Job" or "Deployment" or "Evaluation" or "Service" => NomadCapability.ReadJob,
                    _ => NomadCapability.Management,
                });
            }
        }

        // Events of other namespaces are left out; events of objects without one (nodes) reach everyone (Nomad's
        // stream filter). "*" is every namespace the token may see: for the demo's tokens, all of them.
        var wanted = ListNamespace(context);

        ulong after = 0;
        if (context.Request.Query.TryGetValue("index", out var indexText) && !ulong.TryParse(indexText.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            throw DemoApiException.BadRequest("Invalid index");
        }

        // Index 0 means "from now": nothing buffered is replayed.
        if (after == 0)
        {
            after = cluster.LatestIndex;
        }

        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        var aborted = context.RequestAborted;
        var nextHeartbeat = cluster.Now + cluster.Options.EventHeartbeat;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                var change = cluster.NextChangeAsync(aborted);
                foreach (var batch in cluster.EventsAfter(after).GroupBy(e => e.Index))
                {
                    after = batch.Key;
                    var events = batch.Where(e => (e.Namespace.Length == 0 || InNamespace(wanted, e.Namespace))
                                                  && filters.Any(f => (f.Topic == "*" || f.Topic == e.Topic) && (f.Key is "*" or "" || f.Key == e.Key))).ToList();
                    if (events.Count == 0)
                    {
                        continue;
                    }

                    var frame = new JsonObject
                    {
                        ["Index"] = batch.Key,
                        ["Events"] = new JsonArray(events.Select(e => (JsonNode)new JsonObject
                        {
                            ["Topic"] = e.Topic,
                            ["Type"] = e.Type,
                            ["Key"] = e.Key,
                            ["Namespace"] = e.Namespace,
                            ["FilterKeys"] = null,
                            ["Index"] = e.Index,
                            ["Payload"] = new JsonObject { [e.PayloadName] = e.Payload.DeepClone() },
                        }).ToArray()),
                    };
                    await context.Response.WriteAsync(frame.ToJsonString() + "\n", aborted).ConfigureAwait(false);
                }

                await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                var untilHeartbeat = nextHeartbeat - cluster.Now;
                if (untilHeartbeat <= TimeSpan.Zero)
                {
                    await context.Response.WriteAsync("{}\n", aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    nextHeartbeat = cluster.Now + cluster.Options.EventHeartbeat;
                    continue;
                }

                await Task.WhenAny(change, Task.Delay(untilHeartbeat, cluster.Time, aborted)).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: the stream simply ends.
        }
    }

    private async Task LogsAsync(HttpContext context)
    {
        Authorize(context, NomadCapability.ReadLogs);
        var query = context.Request.Query;
        var task = query["task"].ToString();
        if (task.Length == 0)
        {
            throw DemoApiException.BadRequest("must provide task name");
        }

        var type = query["type"].ToString();
        if (type is not ("stdout" or "stderr"))
        {
            throw DemoApiException.BadRequest("must provide log type (stdout/stderr)");
        }

        var origin = query.TryGetValue("origin", out var originText) ? originText.ToString() : "start";
        if (origin is not ("start" or "end"))
        {
            throw DemoApiException.BadRequest("origin must be start or end");
        }

        long offset = 0;
        if (query.TryGetValue("offset", out var offsetText) && !long.TryParse(offsetText.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out offset))
        {
            throw DemoApiException.BadRequest($"failed to parse offset \"{offsetText}\"");
        }

        var follow = Flag(context, "follow");
        var plain = Flag(context, "plain");
        var id = Id(context);
        var allocation = cluster.Read(() => cluster.FindAllocation(id)) ?? throw DemoApiException.NotFound($"Unknown allocation \"{id}\"");
        if (!cluster.Read(() => allocation.TaskStates.ContainsKey(task)))
        {
            throw DemoApiException.BadRequest($"unknown task name \"{task}\"");
        }

        var stderr = type == "stderr";
        var file = $"alloc/logs/{task}.{type}.0";
        var logs = cluster.Logs;
        var (startOffset, endOffset) = logs.Read(() => logs.Find(allocation.Id, task)?.File(stderr) is { } f ? (f.StartOffset, f.EndOffset) : (0L, 0L));
        var position = origin == "start" ? Math.Clamp(offset, startOffset, endOffset) : Math.Clamp(endOffset - offset, startOffset, endOffset);
        var aborted = context.RequestAborted;

        if (plain)
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await WriteLogAsync(allocation.Id, task, stderr, position, (_, data, ct) => context.Response.Body.WriteAsync(data, ct), aborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        try
        {
            position = await WriteFramesAsync(context, allocation.Id, task, stderr, position, file, aborted).ConfigureAwait(false);
            var lastSent = cluster.Now;
            while (follow && !aborted.IsCancellationRequested)
            {
                await Task.Delay(cluster.Options.Tick, cluster.Time, aborted).ConfigureAwait(false);
                var sent = await WriteFramesAsync(context, allocation.Id, task, stderr, position, file, aborted).ConfigureAwait(false);
                if (sent > position)
                {
                    position = sent;
                    lastSent = cluster.Now;
                }
                else if (cluster.Now - lastSent >= TimeSpan.FromSeconds(1))
                {
                    // Nomad's stream framer heartbeats an idle stream every second.
                    await context.Response.WriteAsync("{}", aborted).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(aborted).ConfigureAwait(false);
                    lastSent = cluster.Now;
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client stopped following.
        }
    }

    /// <summary>
    /// Writes the log from <paramref name="position"/> to its current end in chunks of at most <see cref="MaxFrameBytes"/>;
    /// returns the position after the last byte written. A position older than what rotation kept moves up to it.
    /// </summary>
    private async Task<long> WriteLogAsync(string allocationId, string task, bool stderr, long position,
        Func<long, ReadOnlyMemory<byte>, CancellationToken, ValueTask> write, CancellationToken cancellationToken)
    {
        var logs = cluster.Logs;
        while (true)
        {
            var (from, data) = logs.Read(() => logs.Find(allocationId, task)?.File(stderr) is { } f
                ? (Math.Max(position, f.StartOffset), f.Read(position, MaxFrameBytes))
                : (position, []));
            if (data.Length == 0)
            {
                return position;
            }

            position = from + data.Length;
            await write(from, data, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> WriteFramesAsync(HttpContext context, string allocationId, string task, bool stderr, long position, string file, CancellationToken cancellationToken)
    {
        position = await WriteLogAsync(allocationId, task, stderr, position, async (offset, data, ct) =>
        {
            var frame = new JsonObject
            {
                ["Offset"] = offset,
                ["Data"] = Convert.ToBase64String(data.Span),
                ["File"] = file,
            };
            await context.Response.WriteAsync(frame.ToJsonString(), Encoding.UTF8, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        return position;
    }
}
