using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Styx.Demo.Model;
using Styx.Demo.Prometheus.PromQL;

namespace Styx.Demo.Prometheus;

/// <summary>
/// The simulated cluster's metrics: Nomad's own <c>/v1/metrics</c> (exposition format with
/// <c>format=prometheus</c>), Traefik's <c>/metrics</c>, and a stand-in for the Styx plan's Prometheus — its query API
/// subset and <c>/-/ready</c> — evaluated over the same numbers (cluster-apis.md §3, §4).
/// </summary>
internal sealed partial class PrometheusEndpoints(DemoCluster cluster)
{
    public const string ApiPrefix = "/api/v1/";

    /// <summary>Prometheus refuses range queries with more points per series (api.go queryRange).</summary>
    private const long MaxPoints = 11_000;

    public void Map(IEndpointRouteBuilder routes)
    {
        // Nomad's agent metrics need no ACL capability (cluster-apis.md §1.3).
        routes.MapGet("/v1/metrics", NomadMetricsAsync);
        routes.MapGet("/metrics", context => ExpositionAsync(context, DemoScrape.Targets(cluster).Where(t => t.Job == "traefik")));
        routes.MapMethods("/api/v1/query", ["GET", "POST"], context => AnswerAsync(context, QueryAsync));
        routes.MapMethods("/api/v1/query_range", ["GET", "POST"], context => AnswerAsync(context, QueryRangeAsync));
        routes.MapMethods("/api/v1/labels", ["GET", "POST"], context => AnswerAsync(context, LabelsAsync));
        routes.MapGet("/api/v1/label/{name}/values", context => AnswerAsync(context, LabelValuesAsync));
        routes.MapMethods("/api/v1/series", ["GET", "POST"], context => AnswerAsync(context, SeriesAsync));
        routes.MapGet("/api/v1/{**rest}", context => PrometheusWire.TextAsync(context, 404, "404 page not found\n"));
        routes.MapGet("/-/ready", context => PrometheusWire.TextAsync(context, 200, "Prometheus Server is Ready.\n"));
        routes.MapGet("/-/healthy", context => PrometheusWire.TextAsync(context, 200, "Prometheus Server is Healthy.\n"));
    }

    private async Task NomadMetricsAsync(HttpContext context)
    {
        var targets = DemoScrape.Targets(cluster).Where(t => t.Job == "nomad").ToList();
        if (context.Request.Query["format"] == "prometheus")
        {
            await ExpositionAsync(context, targets).ConfigureAwait(false);
            return;
        }

        // Nomad's JSON in-memory sink: the demo's metrics are all gauges there except the go-metrics counters.
        var now = cluster.Now;
        var samples = targets.SelectMany(t => t.Families).SelectMany(f => f.Samples.Select(s => (Family: f, Sample: s))).Where(x => x.Sample.Born <= now).ToList();
        await PrometheusWire.WriteJsonAsync(context, writer =>
        {
            writer.WriteString("Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteStartArray("Gauges");
            foreach (var (family, sample) in samples.Where(x => x.Family.Type == MetricType.Gauge))
            {
                writer.WriteStartObject();
                writer.WriteString("Name", DottedName(sample.Name));
                writer.WriteNumber("Value", (float)sample.Value(now));
                writer.WritePropertyName("Labels");
                PrometheusWire.LabelSet(writer, sample.Labels);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("Counters");
            writer.WriteEndArray();
            writer.WriteStartArray("Samples");
            writer.WriteEndArray();
            writer.WriteStartArray("Points");
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    /// <summary>go-metrics' dotted key for a flattened name (only the first two dots are certain; enough for a reader).</summary>
    private static string DottedName(string name) => name.Replace('_', '.');

    private async Task ExpositionAsync(HttpContext context, IEnumerable<ScrapeTarget> targets)
    {
        var text = ExpositionFormat.Write(targets.SelectMany(t => t.Families), cluster.Now);
        context.Response.ContentType = ExpositionFormat.ContentType;
        await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task AnswerAsync(HttpContext context, Func<HttpContext, PrometheusParameters, Task> answer)
    {
        try
        {
            var parameters = await PrometheusParameters.ReadAsync(context).ConfigureAwait(false);
            await answer(context, parameters).ConfigureAwait(false);
        }
        catch (PromQLException ex)
        {
            await PrometheusWire.ErrorAsync(context, ex).ConfigureAwait(false);
        }
    }

    private long NowMs => cluster.Now.ToUnixTimeMilliseconds();

    private PromQLEvaluator Evaluator() =>
        new(DemoScrape.Series(DemoScrape.Targets(cluster)), NowMs, (long)cluster.Options.MetricsScrapeInterval.TotalMilliseconds);

    private Task QueryAsync(HttpContext context, PrometheusParameters parameters)
    {
        var t = parameters.InstantTime(NowMs);
        parameters.CheckTimeout();
        var expression = PromQLParser.Parse(parameters["query"]);
        var value = Evaluator().Evaluate(expression, t);
        return PrometheusWire.SuccessAsync(context, writer => PrometheusWire.Result(writer, value, t));
    }

    private Task QueryRangeAsync(HttpContext context, PrometheusParameters parameters)
    {
        // The order of api.go queryRange's checks, so the first problem is the one reported.
        var start = parameters.RangeTime("start");
        var end = parameters.RangeTime("end");
        if (end < start)
        {
            throw PromQLException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
        }

        var step = parameters.Duration("step");
        if (step <= TimeSpan.Zero)
        {
            throw PromQLException.BadData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        }

        if (TimeSpan.FromMilliseconds(end - start).Ticks / step.Ticks > MaxPoints)
        {
            throw PromQLException.BadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        }

        parameters.CheckTimeout();
        var expression = PromQLParser.Parse(parameters["query"]);
        var type = PromQLParser.TypeOf(expression);
        if (type is not ("scalar" or "instant vector"))
        {
            throw PromQLException.BadData($"invalid expression type \"{type}\" for range query, must be Scalar or instant Vector");
        }

        var evaluator = Evaluator();
        var series = new Dictionary<string, (PromLabels Labels, List<(long, double)> Points)>(StringComparer.Ordinal);
        var stepMs = (long)step.TotalMilliseconds;
        for (var t = start; t <= end; t += Math.Max(1, stepMs))
        {
            IEnumerable<VectorSample> samples = evaluator.Evaluate(expression, t) switch
            {
                ScalarValue s => [new VectorSample(PromLabels.Empty, s.Value)],
                VectorValue v => v.Samples,
                _ => [],
            };
            foreach (var sample in samples)
            {
                if (!series.TryGetValue(sample.Labels.Key, out var entry))
                {
                    entry = (sample.Labels, []);
                    series[sample.Labels.Key] = entry;
                }

                entry.Points.Add((t, sample.Value));
            }
        }

        var matrix = new MatrixValue([.. series.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new MatrixSeries(s.Value.Labels, s.Value.Points))]);
        return PrometheusWire.SuccessAsync(context, writer => PrometheusWire.Result(writer, matrix, start));
    }

    private Task LabelsAsync(HttpContext context, PrometheusParameters parameters)
    {
        var names = Matching(parameters, required: false).SelectMany(s => s.Labels.Pairs.Select(p => p.Key)).Distinct().Order(StringComparer.Ordinal).ToList();
        return PrometheusWire.SuccessAsync(context, writer => Strings(writer, names));
    }

    private Task LabelValuesAsync(HttpContext context, PrometheusParameters parameters)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        if (!LabelName().IsMatch(name))
        {
            throw PromQLException.BadData($"invalid label name: \"{name}\"");
        }

        var values = Matching(parameters, required: false).Select(s => s.Labels[name]).Where(v => v.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList();
        return PrometheusWire.SuccessAsync(context, writer => Strings(writer, values));
    }

    private Task SeriesAsync(HttpContext context, PrometheusParameters parameters)
    {
        var matching = Matching(parameters, required: true).OrderBy(s => s.Labels.Key, StringComparer.Ordinal).ToList();
        return PrometheusWire.SuccessAsync(context, writer =>
        {
            writer.WriteStartArray();
            foreach (var series in matching)
            {
                PrometheusWire.LabelSet(writer, series.Labels);
            }

            writer.WriteEndArray();
        });
    }

    /// <summary>The series any <c>match[]</c> selects (all when none and not required) that exist by <c>end</c>.</summary>
    private IEnumerable<PromSeries> Matching(PrometheusParameters parameters, bool required)
    {
        var matches = parameters.All("match[]");
        if (required && matches.Count == 0)
        {
            throw PromQLException.BadData("no match[] parameter provided");
        }

        var selectors = matches.Select(m =>
        {
            try
            {
                return PromQLParser.Parse(m) as VectorSelector is { Range: null } selector
                    ? selector
                    : throw PromQLException.BadData($"invalid parameter \"match[]\": invalid parameter \"match[]\": {m} is not a vector selector");
            }
            catch (PromQLException ex) when (ex.Message.StartsWith("invalid parameter \"query\": ", StringComparison.Ordinal))
            {
                throw PromQLException.BadData("invalid parameter \"match[]\": " + ex.Message["invalid parameter \"query\": ".Length..]);
            }
        }).ToList();
        var end = parameters.Has("end") ? parameters.RangeTime("end") : NowMs;
        var all = DemoScrape.Series(DemoScrape.Targets(cluster)).Where(s => s.BornMs <= end);
        return selectors.Count == 0 ? all : all.Where(s => selectors.Any(sel => sel.Matchers.All(m => m.Matches(s.Labels[m.Name]))));
    }

    private static void Strings(Utf8JsonWriter writer, IEnumerable<string> values)
    {
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
