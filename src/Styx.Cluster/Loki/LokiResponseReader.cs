using System.Globalization;
using System.Text.Json;
using Styx.Cluster.Json;

namespace Styx.Cluster.Loki;

/// <summary>
/// Reads Loki's JSON answers (cluster-apis.md §2, source <c>pkg/loghttp</c>): the <c>status</c>/<c>data</c> envelope,
/// streams with nanosecond string timestamps, matrix and vector samples <c>[float seconds, "value"]</c>, label lists,
/// series and tail messages. Anything else, a body that is not JSON or a field of another type, is a
/// <see cref="LokiException"/> saying what was wrong; it never escapes as a parser's own exception.
/// </summary>
internal static class LokiResponseReader
{
    public static LokiQueryResult Query(ReadOnlyMemory<byte> body) => Read(body, root =>
    {
        var data = JsonAnswer.Property(Envelope(root), "data", JsonValueKind.Object);
        var resultType = JsonAnswer.Property(data, "resultType", JsonValueKind.String).GetString()!;
        var result = data.TryGetProperty("result", out var r) ? r : default;
        var warnings = root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array
            ? w.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        return resultType switch
        {
            "streams" => new LokiQueryResult(resultType, Streams(result), [], warnings),
            "matrix" => new LokiQueryResult(resultType, [], JsonAnswer.Array(result).Select(s => new LokiSeries(Labels(s, "metric"), [.. JsonAnswer.Array(JsonAnswer.Property(s, "values", JsonValueKind.Array)).Select(Sample)])).ToList(), warnings),
            "vector" => new LokiQueryResult(resultType, [], JsonAnswer.Array(result).Select(s => new LokiSeries(Labels(s, "metric"), [Sample(JsonAnswer.Property(s, "value", JsonValueKind.Array))])).ToList(), warnings),
            "scalar" => new LokiQueryResult(resultType, [], [new LokiSeries(new Dictionary<string, string>(), [Sample(result)])], warnings),
            _ => throw Invalid($"unknown resultType \"{resultType}\""),
        };
    });

    /// <summary><c>{"status":"success","data":["…",…]}</c> (labels, label values); a missing <c>data</c> is an empty list.</summary>
    public static IReadOnlyList<string> Strings(ReadOnlyMemory<byte> body) => Read(body, root =>
    {
        var envelope = Envelope(root);
        return envelope.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null
            ? JsonAnswer.Array(data).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Invalid("a label is not a string")).ToList()
            : (IReadOnlyList<string>)[];
    });

    /// <summary><c>{"status":"success","data":[{labels},…]}</c>.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Series(ReadOnlyMemory<byte> body) => Read(body, root =>
    {
        var envelope = Envelope(root);
        return envelope.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null
            ? JsonAnswer.Array(data).Select(JsonAnswer.LabelObject).ToList()
            : (IReadOnlyList<IReadOnlyDictionary<string, string>>)[];
    });

    /// <summary>A tail message: <c>{"streams":[…],"dropped_entries":[…]}</c>, both keys optional.</summary>
    public static (IReadOnlyList<LokiEntry> Entries, int Dropped) TailMessage(ReadOnlyMemory<byte> body) => Read(body, root =>
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("a tail message is not a JSON object");
        }

        var entries = root.TryGetProperty("streams", out var streams) && streams.ValueKind != JsonValueKind.Null
            ? Streams(streams).SelectMany(s => s.Entries).OrderBy(e => e.TimestampNs).ToList()
            : [];
        var dropped = root.TryGetProperty("dropped_entries", out var d) && d.ValueKind == JsonValueKind.Array ? d.GetArrayLength() : 0;
        return ((IReadOnlyList<LokiEntry>)entries, dropped);
    });

    private static T Read<T>(ReadOnlyMemory<byte> body, Func<JsonElement, T> read)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return read(document.RootElement);
        }
        catch (JsonException ex)
        {
            throw Invalid($"not JSON: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            throw Invalid(ex.Message, ex);
        }
    }

    private static JsonElement Envelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("the answer is not a JSON object");
        }

        var status = JsonAnswer.Property(root, "status", JsonValueKind.String).GetString();
        return status == "success" ? root : throw Invalid($"status is \"{status}\"");
    }

    private static List<LokiStream> Streams(JsonElement result) =>
        JsonAnswer.Array(result).Select(s =>
        {
            var labels = Labels(s, "stream");
            var entries = JsonAnswer.Array(JsonAnswer.Property(s, "values", JsonValueKind.Array)).Select(v =>
            {
                var pair = JsonAnswer.Array(v).ToList();
                if (pair.Count < 2 || pair[0].ValueKind != JsonValueKind.String || pair[1].ValueKind != JsonValueKind.String)
                {
                    throw Invalid("a stream value is not [\"<ns>\", \"<line>\"]");
                }

                var ns = long.Parse(pair[0].GetString()!, NumberStyles.None, CultureInfo.InvariantCulture);
                return new LokiEntry(ns, pair[1].GetString()!, labels);
            }).ToList();
            return new LokiStream(labels, entries);
        }).ToList();

    private static LokiSample Sample(JsonElement value)
    {
        var pair = JsonAnswer.Array(value).ToList();
        if (pair.Count < 2 || pair[0].ValueKind != JsonValueKind.Number || pair[1].ValueKind != JsonValueKind.String)
        {
            throw Invalid("a sample is not [<seconds>, \"<value>\"]");
        }

        var seconds = pair[0].GetDecimal();
        var time = DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        var text = pair[1].GetString()!;
        // Prometheus-style values include NaN and ±Inf spelled the Go way.
        var number = text switch
        {
            "NaN" => double.NaN,
            "+Inf" or "Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new LokiSample(time, number);
    }

    private static IReadOnlyDictionary<string, string> Labels(JsonElement owner, string name) =>
        owner.TryGetProperty(name, out var labels) && labels.ValueKind != JsonValueKind.Null ? JsonAnswer.LabelObject(labels) : new Dictionary<string, string>();

    private static LokiException Invalid(string reason, Exception? inner = null) =>
        new($"Loki's answer is not the JSON Styx expects ({reason}); a proxy between Styx and Loki, or a Loki version Styx does not know", null, inner);
}
