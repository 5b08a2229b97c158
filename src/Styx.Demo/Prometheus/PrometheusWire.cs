using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Styx.Demo.Prometheus.PromQL;

namespace Styx.Demo.Prometheus;

/// <summary>
/// Prometheus's JSON answers (cluster-apis.md §3): <c>{"status":"success","data":…}</c> and
/// <c>{"status":"error","errorType":…,"error":…}</c>; sample timestamps as JSON numbers, values as strings.
/// </summary>
internal static class PrometheusWire
{
    public static Task SuccessAsync(HttpContext context, Action<Utf8JsonWriter> data) =>
        WriteAsync(context, 200, writer =>
        {
            writer.WriteString("status", "success");
            writer.WritePropertyName("data");
            data(writer);
        });

    public static Task ErrorAsync(HttpContext context, PromQLException error) =>
        WriteAsync(context, error.Status, writer =>
        {
            writer.WriteString("status", "error");
            writer.WriteString("errorType", error.ErrorType);
            writer.WriteString("error", error.Message);
        });

    /// <summary>An instant query's or range query's result: <c>{"resultType":…,"result":…}</c>.</summary>
    public static void Result(Utf8JsonWriter writer, PromQLValue value, long t)
    {
        writer.WriteStartObject();
        writer.WriteString("resultType", value.TypeName);
        writer.WritePropertyName("result");
        switch (value)
        {
            case ScalarValue s:
                Point(writer, t, PromNumber.Format(s.Value));
                break;
            case StringValue s:
                Point(writer, t, s.Value);
                break;
            case VectorValue v:
                writer.WriteStartArray();
                foreach (var sample in v.Samples)
                {
                    writer.WriteStartObject();
                    Metric(writer, sample.Labels);
                    writer.WritePropertyName("value");
                    Point(writer, t, PromNumber.Format(sample.Value));
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
            case MatrixValue m:
                writer.WriteStartArray();
                foreach (var series in m.Series)
                {
                    writer.WriteStartObject();
                    Metric(writer, series.Labels);
                    writer.WriteStartArray("values");
                    foreach (var (time, sample) in series.Points)
                    {
                        Point(writer, time, PromNumber.Format(sample));
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                break;
        }

        writer.WriteEndObject();
    }

    public static void LabelSet(Utf8JsonWriter writer, PromLabels labels)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in labels.Pairs)
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }

    private static void Metric(Utf8JsonWriter writer, PromLabels labels)
    {
        writer.WritePropertyName("metric");
        LabelSet(writer, labels);
    }

    private static void Point(Utf8JsonWriter writer, long ms, string value)
    {
        writer.WriteStartArray();
        writer.WriteRawValue(PromNumber.Timestamp(ms), skipInputValidation: true);
        writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    /// <summary>A 200 JSON object whose members <paramref name="body"/> writes (Nomad's JSON metrics).</summary>
    public static Task WriteJsonAsync(HttpContext context, Action<Utf8JsonWriter> body) => WriteAsync(context, 200, body);

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        // Prometheus escapes only what JSON requires; the relaxed encoder keeps label values like "<" readable.
        await using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted).ConfigureAwait(false);
    }

    public static Task TextAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, Encoding.UTF8, context.RequestAborted);
    }
}
