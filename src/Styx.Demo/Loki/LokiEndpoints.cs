using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// The simulated Loki HTTP API (cluster-apis.md §2) over the same logs the Nomad log endpoint serves: query_range,
/// query, labels, label values, series, the WebSocket tail and <c>/ready</c>, with Loki's parameters, defaults, JSON
/// shapes and plain-text error texts. The tail lives in the other part of this class.
/// </summary>
internal sealed partial class LokiEndpoints(DemoCluster cluster, LokiTails tails)
{
    public const string PathPrefix = "/loki/";

    /// <summary>Loki's default range for labels and series when no start is given (the last 6 hours).</summary>
    private static readonly TimeSpan s_labelsRange = TimeSpan.FromHours(6);

    private DemoLogStore Store => cluster.Logs;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/loki/api/v1/query_range", QueryRangeAsync);
        routes.MapGet("/loki/api/v1/query", QueryAsync);
        routes.MapGet("/loki/api/v1/labels", LabelsAsync);
        routes.MapGet("/loki/api/v1/label/{name}/values", LabelValuesAsync);
        routes.MapMethods("/loki/api/v1/series", ["GET", "POST"], SeriesAsync);
        routes.MapGet("/loki/api/v1/tail", TailAsync);
        // Loki answers readiness as text through http.Error (cluster-apis.md §2), hence the newline.
        routes.MapGet("/ready", (HttpContext context) => WriteTextAsync(context, 200, "ready\n"));
    }

    private async Task QueryRangeAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        var now = cluster.Now;
        var end = LokiParameters.Time(context, "end", now);
        var start = LokiParameters.Duration(context, "since") is { } since
            ? end - since
            : LokiParameters.Time(context, "start", end - TimeSpan.FromHours(1));
        var limit = LokiParameters.Limit(context);
        var forward = LokiParameters.Forward(context);
        if (end <= start)
        {
            throw DemoApiException.BadRequest("end timestamp must not be before or equal to start time");
        }

        // Loki's default step: the range split in 250 points, at least one second (source defaultQueryRangeStep).
        var step = LokiParameters.Duration(context, "step") ?? TimeSpan.FromSeconds(Math.Max(1, Math.Floor((end - start).TotalSeconds / 250)));
        if (step <= TimeSpan.Zero)
        {
            throw DemoApiException.BadRequest("zero or negative query resolution step widths are not accepted. Try a positive integer");
        }

        if ((end - start) / step > LokiParameters.MaxPoints)
        {
            throw DemoApiException.BadRequest("exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter");
        }

        var expression = LogQLParser.Parse(LokiParameters.Value(context, "query") ?? "");
        var evaluator = new LogQLEvaluator(Store);
        if (expression is LogQLLogQuery logQuery)
        {
            var entries = Store.Read(() => evaluator.Entries(logQuery, DemoCluster.ToNanos(start), DemoCluster.ToNanos(end), limit, forward));
            await WriteDataAsync(context, "streams", json => LokiWire.Streams(json, entries), evaluator, entries.Count, clock).ConfigureAwait(false);
            return;
        }

        var times = new List<long>();
        for (var t = start; t <= end; t += step)
        {
            times.Add(DemoCluster.ToNanos(t));
        }

        var series = Store.Read(() => evaluator.Evaluate(expression, times));
        await WriteDataAsync(context, "matrix", json => LokiWire.Matrix(json, series), evaluator, series.Sum(s => s.Samples.Count), clock).ConfigureAwait(false);
    }

    private async Task QueryAsync(HttpContext context)
    {
        var clock = Stopwatch.StartNew();
        var time = LokiParameters.Time(context, "time", cluster.Now);
        LokiParameters.Limit(context);
        LokiParameters.Forward(context);
        var expression = LogQLParser.Parse(LokiParameters.Value(context, "query") ?? "");
        if (expression is LogQLLogQuery)
        {
            throw DemoApiException.BadRequest("log queries are not supported as an instant query type, please change your query to a range query type");
        }

        var evaluator = new LogQLEvaluator(Store);
        var series = Store.Read(() => evaluator.Evaluate(expression, [DemoCluster.ToNanos(time)]));
        await WriteDataAsync(context, "vector", json => LokiWire.Vector(json, series), evaluator, series.Count, clock).ConfigureAwait(false);
    }

    private Task LabelsAsync(HttpContext context)
    {
        var streams = ActiveStreams(context, Selectors(context, "query"));
        return WriteListAsync(context, streams.SelectMany(s => s.Labels.Keys));
    }

    private Task LabelValuesAsync(HttpContext context)
    {
        var name = Uri.UnescapeDataString(context.Request.RouteValues["name"] as string ?? "");
        var streams = ActiveStreams(context, Selectors(context, "query"));
        return WriteListAsync(context, streams.Select(s => s.Labels.GetValueOrDefault(name)).OfType<string>());
    }

    private async Task SeriesAsync(HttpContext context)
    {
        if (context.Request.HasFormContentType)
        {
            await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var selectors = Selectors(context, "match[]");
        if (selectors.Count == 0)
        {
            // NOT VERIFIED against a real Loki: the text Loki sends when match[] is missing.
            throw DemoApiException.BadRequest("0 matchers provided");
        }

        var streams = ActiveStreams(context, selectors);
        context.Response.ContentType = "application/json; charset=UTF-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WriteStartArray("data");
        foreach (var labels in streams.Select(s => s.Labels).DistinctBy(l => string.Join(',', l), StringComparer.Ordinal))
        {
            json.WriteStartObject();
            foreach (var (key, value) in labels)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Stream selectors from a repeatable parameter; each must be a bare selector.</summary>
    private static List<LogQLLogQuery> Selectors(HttpContext context, string name)
    {
        var values = context.Request.Query[name].Concat(context.Request.HasFormContentType ? context.Request.Form[name] : default).OfType<string>();
        var selectors = new List<LogQLLogQuery>();
        foreach (var value in values.Where(v => v.Length > 0))
        {
            selectors.Add(LogQLParser.Parse(value) as LogQLLogQuery
                          ?? throw DemoApiException.BadRequest($"parse error : only stream selectors are accepted here: {value}"));
        }

        return selectors;
    }

    /// <summary>The streams any selector picks (all when none) that have lines in the request's range (default the last 6 h).</summary>
    private List<LokiStream> ActiveStreams(HttpContext context, IReadOnlyList<LogQLLogQuery> selectors)
    {
        var now = cluster.Now;
        var end = LokiParameters.Time(context, "end", now);
        var start = LokiParameters.Duration(context, "since") is { } since ? end - since : LokiParameters.Time(context, "start", end - s_labelsRange);
        var (from, to) = (DemoCluster.ToNanos(start), DemoCluster.ToNanos(end) + 1);
        var evaluator = new LogQLEvaluator(Store);
        return Store.Read(() => (selectors.Count == 0 ? LokiStream.All(Store) : selectors.SelectMany(s => evaluator.Select(s.Matchers)))
            .Where(s => s.HasLinesBetween(from, to))
            .ToList());
    }

    private static async Task WriteListAsync(HttpContext context, IEnumerable<string> values)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WriteStartArray("data");
        foreach (var value in values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task WriteDataAsync(HttpContext context, string resultType, Action<Utf8JsonWriter> result, LogQLEvaluator evaluator, int returned, Stopwatch clock)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WriteStartObject("data");
        json.WriteString("resultType", resultType);
        json.WritePropertyName("result");
        result(json);
        LokiWire.Stats(json, evaluator.LinesProcessed, evaluator.BytesProcessed, returned, clock.Elapsed);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Loki's errors and readiness: the bare text, <c>text/plain; charset=utf-8</c> (source <c>WriteError</c>).</summary>
    public static async Task WriteTextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }
}
