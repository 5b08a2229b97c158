using System.Text;
using System.Text.Json;
using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// Runs parsed LogQL against the demo's logs (under <see cref="DemoLogStore"/>'s lock): log queries return entries,
/// metric queries a number per series and evaluation time. Only lines up to the store's watermark are seen (see
/// <see cref="DemoLogStore"/>: later lines cannot land before it).
/// </summary>
internal sealed class LogQLEvaluator(DemoLogStore store)
{
    /// <summary>Lines read while answering (Loki's <c>totalLinesProcessed</c>).</summary>
    public long LinesProcessed { get; private set; }

    /// <summary>Bytes read while answering (Loki's <c>totalBytesProcessed</c>).</summary>
    public long BytesProcessed { get; private set; }

    /// <summary>The streams a selector picks (a label a stream lacks counts as empty, as in Loki).</summary>
    public IEnumerable<LokiStream> Select(IReadOnlyList<LogQLMatcher> matchers) =>
        LokiStream.All(store).Where(s => matchers.All(m => m.Matches(s.Labels.GetValueOrDefault(m.Name, ""))));

    /// <summary>
    /// The entries of a log query in [<paramref name="fromNs"/>, <paramref name="toNs"/>): the oldest
    /// <paramref name="limit"/> going forward, the newest going backward, sorted in that direction.
    /// </summary>
    public List<LokiEntry> Entries(LogQLLogQuery query, long fromNs, long toNs, int limit, bool forward)
    {
        toNs = Math.Min(toNs, DemoCluster.ToNanos(store.Watermark) + 1);
        var found = new List<LokiEntry>();
        foreach (var stream in Select(query.Matchers))
        {
            var file = stream.File;
            var first = file.IndexAtOrAfterTime(fromNs);
            var end = file.IndexAtOrAfterTime(toNs);
            var taken = 0;
            for (var i = forward ? first : end - 1; taken < limit && (forward ? i < end : i >= first); i += forward ? 1 : -1)
            {
                if (Apply(query, stream, file[i]) is { } entry)
                {
                    found.Add(entry);
                    taken++;
                }
            }
        }

        found.Sort((a, b) => forward ? a.TimestampNs.CompareTo(b.TimestampNs) : b.TimestampNs.CompareTo(a.TimestampNs));
        return found.Count > limit ? found.GetRange(0, limit) : found;
    }

    /// <summary>Evaluates a metric query at each of <paramref name="timesNs"/>; a series has no sample where it has nothing.</summary>
    public List<LokiSeries> Evaluate(LogQLExpression expression, IReadOnlyList<long> timesNs)
    {
        switch (expression)
        {
            case LogQLRangeAggregation range:
                var rangeNs = DemoCluster.ToNanos(DateTimeOffset.UnixEpoch + range.Range);
                var entries = Entries(range.Query, timesNs[0] - rangeNs + 1, timesNs[^1] + 1, int.MaxValue, true);
                var series = new List<LokiSeries>();
                foreach (var group in entries.GroupBy(e => Key(e.Labels)))
                {
                    var times = group.Select(e => e.TimestampNs).ToList();
                    var samples = new List<(long, double)>();
                    int low = 0, high = 0;
                    foreach (var t in timesNs)
                    {
                        while (high < times.Count && times[high] <= t)
                        {
                            high++;
                        }

                        while (low < high && times[low] <= t - rangeNs)
                        {
                            low++;
                        }

                        var count = high - low;
                        if (count > 0)
                        {
                            samples.Add((t, range.Function == "rate" ? count / range.Range.TotalSeconds : count));
                        }
                    }

                    if (samples.Count > 0)
                    {
                        series.Add(new LokiSeries(group.First().Labels, samples));
                    }
                }

                return series;
            case LogQLVectorAggregation sum:
                return [.. Evaluate(sum.Inner, timesNs)
                    .GroupBy(s => Key(Only(s.Metric, sum.By)))
                    .Select(g => new LokiSeries(
                        Only(g.First().Metric, sum.By),
                        [.. g.SelectMany(s => s.Samples).GroupBy(p => p.TimeNs).OrderBy(p => p.Key).Select(p => (p.Key, p.Sum(x => x.Value)))]))];
            default:
                throw DemoApiException.BadRequest("a metric query was expected");
        }
    }

    private LokiEntry? Apply(LogQLLogQuery query, LokiStream stream, DemoLogLine line)
    {
        LinesProcessed++;
        BytesProcessed += line.Utf8.Length;
        var text = line.Text;
        IReadOnlyDictionary<string, string> labels = stream.Labels;
        foreach (var stage in query.Stages)
        {
            if (stage is LogQLLineFilter filter)
            {
                if (!filter.Keeps(text))
                {
                    return null;
                }
            }
            else
            {
                labels = JsonLabels(stream.Labels, text);
            }
        }

        return new LokiEntry(line.TimestampNs, text, labels);
    }

    /// <summary>
    /// <c>| json</c> as Loki does it: top-level fields become labels, nested objects flattened with <c>_</c>, arrays
    /// skipped, names made label-safe, a name taken by a stream label gets <c>_extracted</c>; a line that is not a JSON
    /// object gets <c>__error__="JSONParserErr"</c>.
    /// </summary>
    private static SortedDictionary<string, string> JsonLabels(SortedDictionary<string, string> stream, string line)
    {
        var labels = new SortedDictionary<string, string>(stream, StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(line);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                labels["__error__"] = "JSONParserErr";
                return labels;
            }

            Flatten(document.RootElement, "", stream, labels);
        }
        catch (JsonException)
        {
            labels["__error__"] = "JSONParserErr";
        }

        return labels;
    }

    private static void Flatten(JsonElement element, string prefix, SortedDictionary<string, string> stream, SortedDictionary<string, string> labels)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + LabelName(property.Name);
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.Object:
                    Flatten(property.Value, name + "_", stream, labels);
                    break;
                case JsonValueKind.Array or JsonValueKind.Null or JsonValueKind.Undefined:
                    break;
                default:
                    labels[stream.ContainsKey(name) ? name + "_extracted" : name] =
                        property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                    break;
            }
        }
    }

    private static string LabelName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }

        return builder.Length > 0 && char.IsAsciiDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    private static SortedDictionary<string, string> Only(IReadOnlyDictionary<string, string> labels, IReadOnlyList<string> names) =>
        new(labels.Where(l => names.Contains(l.Key, StringComparer.Ordinal)).ToDictionary(), StringComparer.Ordinal);

    private static string Key(IReadOnlyDictionary<string, string> labels) =>
        string.Join('\u0000', labels.Select(l => l.Key + "\u0001" + l.Value));
}
