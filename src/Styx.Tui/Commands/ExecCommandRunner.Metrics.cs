using System.Globalization;
using System.Text;
using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Text;
using Styx.Tui.Configuration;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Commands;

/// <summary>
/// <c>metrics PROMQL [--range 1h [--step 30s]] [--time T] [--json]</c>: a one-shot Prometheus query through the
/// server's client. An instant query prints an aligned table of series and values; a range query prints one line per
/// series with min/avg/max/last, and a sparkline when the session has a terminal (a pty); <c>--json</c> prints
/// Prometheus's own answer unchanged. Prometheus's bad_data is a usage error (exit 2) with its own text.
/// </summary>
internal sealed partial class ExecCommandRunner
{
    private const string MetricsUsage = "metrics PROMQL [--range 1h] [--step 30s] [--time T] [--json]";

    /// <summary>Points a range gets when no --step is given: about the graph screen's 240.</summary>
    private const int DefaultRangePoints = 240;

    /// <summary>Sparkline columns: room for the series and numbers on an 80-column terminal still.</summary>
    private const int SparklineWidth = 30;

    private async Task<int> MetricsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        var json = false;
        TimeSpan? range = null;
        TimeSpan? step = null;
        DateTimeOffset? at = null;
        var query = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word == "--json")
            {
                json = true;
            }
            else if (word is "--range" or "--step" or "--time")
            {
                if (i + 1 >= words.Count)
                {
                    return await UsageAsync($"metrics: {word} needs a value; usage: {MetricsUsage}").ConfigureAwait(false);
                }

                var value = words[++i];
                if (word == "--time")
                {
                    at = ParseTime(value);
                    if (at is null)
                    {
                        return await UsageAsync($"metrics: --time takes RFC 3339 (2026-01-02T15:04:05Z) or unix seconds, not \"{ControlCharacters.MakeVisible(value)}\"").ConfigureAwait(false);
                    }
                }
                else if (!DurationText.TryParse(value, out var duration) || duration <= TimeSpan.Zero)
                {
                    return await UsageAsync($"metrics: {word} takes a duration such as 30s, 15m, 1h or 7d, not \"{ControlCharacters.MakeVisible(value)}\"").ConfigureAwait(false);
                }
                else if (word == "--range")
                {
                    range = duration;
                }
                else
                {
                    step = duration;
                }
            }
            else if (word.StartsWith("--", StringComparison.Ordinal))
            {
                return await UsageAsync($"metrics: unknown option {ControlCharacters.MakeVisible(word)}; usage: {MetricsUsage}").ConfigureAwait(false);
            }
            else
            {
                // ssh joins its arguments with spaces, so an unquoted "sum by (job) (up)" arrives as several words.
                query.Add(word);
            }
        }

        if (query.Count == 0)
        {
            return await UsageAsync($"usage: {MetricsUsage}").ConfigureAwait(false);
        }

        if (step is not null && range is null)
        {
            return await UsageAsync("metrics: --step needs --range (an instant query has no step)").ConfigureAwait(false);
        }

        if (context.Metrics.Prometheus is not { } prometheus)
        {
            return await FailAsync(ExitStatus.ClusterError, "metrics: " + MetricWatches.NotConfigured + " (or prometheus:addr in styx.json)").ConfigureAwait(false);
        }

        var promQL = string.Join(' ', query);
        PrometheusResult result;
        try
        {
            if (range is { } length)
            {
                var end = at ?? context.Time.GetUtcNow();
                var every = step ?? TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(length.TotalSeconds / DefaultRangePoints)));
                result = await prometheus.QueryRangeAsync(promQL, end - length, end, every, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                result = await prometheus.QueryAsync(promQL, at, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (PrometheusException ex)
        {
            // A query Prometheus cannot read is the caller's to fix (exit 2); an outage or a failed evaluation is the cluster's.
            var status = ex.ErrorType == "bad_data" ? ExitStatus.Usage : ExitStatus.ClusterError;
            var text = ex.Unreachable ? "Prometheus unreachable: " + ex.Message : ex.Message;
            return await FailAsync(status, "metrics: " + ControlCharacters.MakeVisible(text)).ConfigureAwait(false);
        }

        foreach (var warning in result.Warnings)
        {
            await error.WriteLineAsync("metrics: warning: " + ControlCharacters.MakeVisible(warning)).ConfigureAwait(false);
        }

        if (json)
        {
            // Prometheus's body as sent; only a final line break is added when it has none, as every --json output ends.
            return await WriteAsync(result.RawJson).ConfigureAwait(false);
        }

        return result.ResultType switch
        {
            PrometheusResultType.Scalar => await WriteAsync(SampleText(result.Scalar!.Value)).ConfigureAwait(false),
            PrometheusResultType.String => await WriteAsync(ControlCharacters.MakeVisible(result.String)).ConfigureAwait(false),
            _ when result.Series.Count == 0 => await FailAsync(ExitStatus.Ok, "metrics: no series matched").ConfigureAwait(false),
            PrometheusResultType.Matrix => await WriteAsync(RangeTable(result.Series)).ConfigureAwait(false),
            _ => await WriteAsync(InstantTable(result.Series)).ConfigureAwait(false),
        };
    }

    private string InstantTable(IReadOnlyList<PrometheusSeries> series)
    {
        var table = new TextTable("SERIES", "VALUE");
        table.Shrinkable.Add(0);
        foreach (var s in series.OrderBy(s => SeriesText(s.Metric), StringComparer.Ordinal))
        {
            table.Add(SeriesText(s.Metric), s.Samples.Count > 0 ? SampleText(s.Samples[^1].Value) : "");
        }

        return table.Render(TableWidth);
    }

    private string RangeTable(IReadOnlyList<PrometheusSeries> series)
    {
        string[] headers = terminal ? ["SERIES", "MIN", "AVG", "MAX", "LAST", "TREND"] : ["SERIES", "MIN", "AVG", "MAX", "LAST"];
        var table = new TextTable(headers);
        table.Shrinkable.Add(0);
        foreach (var s in series.OrderBy(s => SeriesText(s.Metric), StringComparer.Ordinal))
        {
            var values = s.Samples.Select(p => p.Value).ToList();
            var finite = values.Where(double.IsFinite).ToList();
            string Of(Func<List<double>, double> statistic) => finite.Count > 0 ? SampleText(statistic(finite)) : "NaN";
            var cells = new List<string> { SeriesText(s.Metric), Of(v => v.Min()), Of(v => v.Average()), Of(v => v.Max()), values.Count > 0 ? SampleText(values[^1]) : "" };
            if (terminal)
            {
                cells.Add(Sparkline.Trend(values, SparklineWidth));
            }

            table.Add([.. cells]);
        }

        return table.Render(TableWidth);
    }

    /// <summary>A terminal's 80 columns; a pipe gets every label in full.</summary>
    private int TableWidth => terminal ? 80 : int.MaxValue / 2;

    /// <summary>As Prometheus writes a series: the metric name, then the other labels in order, values quoted.</summary>
    private static string SeriesText(IReadOnlyDictionary<string, string> metric)
    {
        var text = new StringBuilder(metric.GetValueOrDefault("__name__", ""));
        var labels = metric.Where(l => l.Key != "__name__").OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => l.Key + "=\"" + l.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        return text.Append('{').AppendJoin(',', labels).Append('}').ToString();
    }

    /// <summary>Shortest round-trip text, with NaN, +Inf and -Inf spelled as Prometheus spells them.</summary>
    private static string SampleText(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset? ParseTime(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : null;
    }
}
