using System.Globalization;
using System.Text;
using System.Text.Json;
using Styx.Cluster.Json;

namespace Styx.Cluster.Prometheus;

/// <summary>
/// Reads Prometheus's HTTP API answers (cluster-apis.md §3, captured from a real 2.42): the
/// <c>{"status":"success","data":…,"warnings":[…]}</c> envelope, the error envelope
/// <c>{"status":"error","errorType":…,"error":…}</c> (400 bad_data, 422 execution, 503 timeout), the four result types,
/// label lists and series. Anything else (the 404 text body, a proxy's HTML page, a field of another type) is a
/// <see cref="PrometheusException"/> saying what was wrong; it never escapes as a parser's own exception.
/// </summary>
internal static class PrometheusResponseReader
{
    /// <summary>Longest non-Prometheus body quoted in an error (a proxy's HTML page can be long).</summary>
    private const int MaxQuotedLength = 200;

    public static PrometheusResult Query(int status, ReadOnlyMemory<byte> body) => Read(status, body, root =>
    {
        var data = JsonAnswer.Property(root, "data", JsonValueKind.Object);
        var resultType = JsonAnswer.Property(data, "resultType", JsonValueKind.String).GetString()!;
        var result = JsonAnswer.Property(data, "result", JsonValueKind.Array);
        var warnings = Annotations(root, "warnings");
        var infos = Annotations(root, "infos");
        var raw = Encoding.UTF8.GetString(body.Span);
        return resultType switch
        {
            PrometheusResultType.Vector => new PrometheusResult(resultType, JsonAnswer.Array(result).Select(s => new PrometheusSeries(JsonAnswer.LabelObject(JsonAnswer.Property(s, "metric", JsonValueKind.Object)), VectorSamples(s))).ToList(), null, null, warnings, infos, raw),
            PrometheusResultType.Matrix => new PrometheusResult(resultType, JsonAnswer.Array(result).Select(s => new PrometheusSeries(JsonAnswer.LabelObject(JsonAnswer.Property(s, "metric", JsonValueKind.Object)), MatrixSamples(s))).ToList(), null, null, warnings, infos, raw),
            PrometheusResultType.Scalar => new PrometheusResult(resultType, [], Sample(result), null, warnings, infos, raw),
            PrometheusResultType.String => new PrometheusResult(resultType, [], null, Pair(result).Text, warnings, infos, raw),
            _ => throw Invalid($"unknown resultType \"{resultType}\""),
        };
    });

    /// <summary><c>{"status":"success","data":["…",…]}</c>: label names and label values; a null <c>data</c> is an empty list.</summary>
    public static IReadOnlyList<string> Strings(int status, ReadOnlyMemory<byte> body) => Read(status, body, root =>
        root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null
            ? JsonAnswer.Array(data).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Invalid("a label is not a string")).ToList()
            : (IReadOnlyList<string>)[]);

    /// <summary><c>{"status":"success","data":[{labels},…]}</c>.</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Series(int status, ReadOnlyMemory<byte> body) => Read(status, body, root =>
        root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null
            ? JsonAnswer.Array(data).Select(JsonAnswer.LabelObject).ToList()
            : (IReadOnlyList<IReadOnlyDictionary<string, string>>)[]);

    /// <summary>
    /// Only the envelope, for endpoints whose <c>data</c> Styx does not read (targets, metadata, buildinfo): a success
    /// returns its <c>data</c> kind; an error is the same <see cref="PrometheusException"/> as for the others.
    /// </summary>
    public static JsonValueKind Envelope(int status, ReadOnlyMemory<byte> body) =>
        Read(status, body, root => root.TryGetProperty("data", out var data) ? data.ValueKind : JsonValueKind.Undefined);

    private static T Read<T>(int status, ReadOnlyMemory<byte> body, Func<JsonElement, T> read)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            // Prometheus's own errors are JSON; a text body is a wrong path (404 "404 page not found") or something
            // between Styx and Prometheus.
            var what = status is >= 200 and <= 299 ? "an answer that is not JSON" : $"{status} without Prometheus's error JSON";
            throw new PrometheusException($"Prometheus answered {what}: {Quote(body)}", status, inner: ex);
        }

        using (document)
        {
            var root = document.RootElement;
            try
            {
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var envelopeStatus) || envelopeStatus.ValueKind != JsonValueKind.String)
                {
                    throw status is >= 200 and <= 299
                        ? Invalid("no \"status\" in the answer")
                        : new PrometheusException($"Prometheus answered {status} without Prometheus's error JSON: {Quote(body)}", status);
                }

                if (envelopeStatus.GetString() == "error" || status is < 200 or > 299)
                {
                    throw Error(status, root, body);
                }

                return read(root);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
            {
                throw Invalid(ex.Message, ex);
            }
        }
    }

    /// <summary>Prometheus's error envelope, its fields kept as sent (source <c>web/api/v1/api.go respondError</c>).</summary>
    private static PrometheusException Error(int status, JsonElement root, ReadOnlyMemory<byte> body)
    {
        var errorType = root.TryGetProperty("errorType", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        var error = root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        if (error is null)
        {
            return new PrometheusException($"Prometheus answered {status} with an error but no error text: {Quote(body)}", status, errorType);
        }

        return new PrometheusException(error, status, errorType, error);
    }

    private static IReadOnlyList<string> Annotations(JsonElement root, string name) =>
        root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString()! : x.GetRawText()).ToList()
            : [];

    /// <summary>
    /// A vector entry has <c>value</c>; one holding a native histogram (<c>histogram</c>, experimental since 2.40) has
    /// none, and Styx graphs no histograms, so its series has no samples rather than failing the whole answer.
    /// </summary>
    private static List<PrometheusSample> VectorSamples(JsonElement series) =>
        series.TryGetProperty("value", out var value) ? [Sample(value)] : [];

    /// <summary>A matrix series has <c>values</c>, and <c>histograms</c> instead or as well for native histograms (not read).</summary>
    private static List<PrometheusSample> MatrixSamples(JsonElement series) =>
        series.TryGetProperty("values", out var values) ? JsonAnswer.Array(values).Select(Sample).ToList() : [];

    private static PrometheusSample Sample(JsonElement value)
    {
        var (time, text) = Pair(value);
        // Go's strconv.FormatFloat spells the special values NaN, +Inf and -Inf (cluster-apis.md §3).
        var number = text switch
        {
            "NaN" => double.NaN,
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Invalid($"a sample value \"{text}\" is not a number"),
        };
        return new PrometheusSample(time, number);
    }

    /// <summary><c>[&lt;unix seconds&gt;, "&lt;text&gt;"]</c>: the time is a JSON number with millisecond precision, the value a string.</summary>
    private static (DateTimeOffset Time, string Text) Pair(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2 || value[0].ValueKind != JsonValueKind.Number || value[1].ValueKind != JsonValueKind.String)
        {
            throw Invalid("a sample is not [<seconds>, \"<value>\"]");
        }

        var milliseconds = decimal.Round(value[0].GetDecimal() * 1000m);
        return (DateTimeOffset.FromUnixTimeMilliseconds((long)milliseconds), value[1].GetString()!);
    }

    private static string Quote(ReadOnlyMemory<byte> body)
    {
        var text = Encoding.UTF8.GetString(body.Span).Trim();
        if (text.Length == 0)
        {
            return "(empty body)";
        }

        return text.Length > MaxQuotedLength ? text[..MaxQuotedLength] + "…" : text;
    }

    private static PrometheusException Invalid(string reason, Exception? inner = null) =>
        new($"Prometheus's answer is not the JSON Styx expects ({reason}); a proxy between Styx and Prometheus, or a Prometheus version Styx does not know", inner: inner);
}
