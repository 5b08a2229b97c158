using System.Globalization;
using System.Text.Json;

namespace Styx.Demo.Loki;

/// <summary>
/// Loki's JSON shapes (cluster-apis.md §2, source <c>pkg/loghttp</c>): the <c>status</c>/<c>data</c> envelope with
/// <c>stats</c>, streams with nanosecond timestamps as strings, matrix and vector samples as
/// <c>[float seconds, "value"]</c>, and the tail message.
/// </summary>
internal static class LokiWire
{
    public static void Streams(Utf8JsonWriter json, IEnumerable<LokiEntry> entries)
    {
        json.WriteStartArray();
        foreach (var stream in entries.GroupBy(e => e.Labels, LabelsComparer.Instance))
        {
            json.WriteStartObject();
            Labels(json, "stream", stream.Key);
            json.WriteStartArray("values");
            foreach (var entry in stream)
            {
                json.WriteStartArray();
                json.WriteStringValue(entry.TimestampNs.ToString(CultureInfo.InvariantCulture));
                json.WriteStringValue(entry.Line);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void Matrix(Utf8JsonWriter json, IEnumerable<LokiSeries> series)
    {
        json.WriteStartArray();
        foreach (var one in series)
        {
            json.WriteStartObject();
            Labels(json, "metric", one.Metric);
            json.WriteStartArray("values");
            foreach (var (time, value) in one.Samples)
            {
                Sample(json, time, value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    public static void Vector(Utf8JsonWriter json, IEnumerable<LokiSeries> series)
    {
        json.WriteStartArray();
        foreach (var one in series)
        {
            json.WriteStartObject();
            Labels(json, "metric", one.Metric);
            json.WritePropertyName("value");
            Sample(json, one.Samples[^1].TimeNs, one.Samples[^1].Value);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>
    /// The <c>stats</c> object with Loki 3.x's field names (cluster-apis.md §2 "Stats field names"); the summary
    /// carries the demo's real counts, the rest zeros.
    /// </summary>
    public static void Stats(Utf8JsonWriter json, long lines, long bytes, int returned, TimeSpan took)
    {
        var seconds = Math.Max(took.TotalSeconds, 1e-6);
        json.WriteStartObject("stats");
        json.WriteStartObject("summary");
        json.WriteNumber("bytesProcessedPerSecond", (long)(bytes / seconds));
        json.WriteNumber("linesProcessedPerSecond", (long)(lines / seconds));
        json.WriteNumber("totalBytesProcessed", bytes);
        json.WriteNumber("totalLinesProcessed", lines);
        json.WriteNumber("execTime", took.TotalSeconds);
        json.WriteNumber("queueTime", 0);
        json.WriteNumber("subqueries", 0);
        json.WriteNumber("totalEntriesReturned", returned);
        json.WriteNumber("splits", 0);
        json.WriteNumber("shards", 0);
        json.WriteNumber("totalPostFilterLines", returned);
        json.WriteNumber("totalStructuredMetadataBytesProcessed", 0);
        json.WriteEndObject();
        json.WriteStartObject("querier");
        Store(json);
        json.WriteEndObject();
        json.WriteStartObject("ingester");
        json.WriteNumber("totalReached", 1);
        json.WriteNumber("totalChunksMatched", 0);
        json.WriteNumber("totalBatches", 0);
        json.WriteNumber("totalLinesSent", returned);
        Store(json);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static void Labels(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> labels)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            json.WriteString(key, value);
        }

        json.WriteEndObject();
    }

    private static void Store(Utf8JsonWriter json)
    {
        json.WriteStartObject("store");
        json.WriteNumber("totalChunksRef", 0);
        json.WriteNumber("totalChunksDownloaded", 0);
        json.WriteNumber("chunksDownloadTime", 0);
        json.WriteStartObject("chunk");
        foreach (var field in (string[])["headChunkBytes", "headChunkLines", "decompressedBytes", "decompressedLines", "compressedBytes", "totalDuplicates", "postFilterLines"])
        {
            json.WriteNumber(field, 0);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Sample(Utf8JsonWriter json, long timeNs, double value)
    {
        json.WriteStartArray();
        // Loki writes the time as seconds with millisecond precision.
        json.WriteRawValue((timeNs / 1_000_000 / 1000.0).ToString("0.###", CultureInfo.InvariantCulture));
        json.WriteStringValue(value.ToString("R", CultureInfo.InvariantCulture));
        json.WriteEndArray();
    }

    /// <summary>Groups entries by label set.</summary>
    private sealed class LabelsComparer : IEqualityComparer<IReadOnlyDictionary<string, string>>
    {
        public static readonly LabelsComparer Instance = new();

        public bool Equals(IReadOnlyDictionary<string, string>? x, IReadOnlyDictionary<string, string>? y) =>
            ReferenceEquals(x, y) || x is not null && y is not null && x.Count == y.Count && x.All(l => y.TryGetValue(l.Key, out var v) && v == l.Value);

        public int GetHashCode(IReadOnlyDictionary<string, string> labels)
        {
            var hash = 0;
            foreach (var (key, value) in labels)
            {
                hash ^= HashCode.Combine(key, value);
            }

            return hash;
        }
    }
}
