using System.Text;
using System.Text.RegularExpressions;
using Styx.Cluster.Loki;

namespace Styx.Cluster.Tests.Loki;

/// <summary>
/// Every sample of Loki's HTTP API doc (TestData/loki, see its SOURCES.md) read with the client's own parser. The strict
/// JSON ones are read as they are; for the others only what SOURCES.md says is elided or templated is normalized first:
/// <c>"stats": { ... }</c> → <c>{}</c>, <c>//</c> comments dropped, and each <c>&lt;placeholder&gt;</c> kind of the
/// schema templates replaced with a representative value.
/// </summary>
public sealed partial class LokiSampleTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "loki");

    private static ReadOnlyMemory<byte> Strict(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    /// <summary>The doc's elisions: <c>"stats": { ... }</c> and <c>// comments</c>.</summary>
    private static ReadOnlyMemory<byte> Elided(string name)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        text = ElidedStats().Replace(text, "\"stats\": {}");
        text = Comment().Replace(text, "");
        return Encoding.UTF8.GetBytes(text);
    }

    /// <summary>A schema template with its placeholders (and the choice between alternatives) filled in.</summary>
    private static ReadOnlyMemory<byte> Template(string name, params (string Placeholder, string Value)[] fills)
    {
        var text = File.ReadAllText(Path.Combine(Folder, name));
        foreach (var (placeholder, value) in fills)
        {
            Assert.Contains(placeholder, text);
            text = text.Replace(placeholder, value, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    [Fact]
    public void Labels_Example_ReadsNames() =>
        Assert.Equal(["foo", "bar", "baz"], LokiResponseReader.Strings(Strict("labels.example.json")));

    [Fact]
    public void LabelValues_Example_ReadsValues() =>
        Assert.Equal(["cat", "dog", "axolotl"], LokiResponseReader.Strings(Strict("label-values.example.json")));

    [Fact]
    public void LabelValues_Template_ReadsValue() =>
        Assert.Equal(["web"], LokiResponseReader.Strings(Template("label-values.response-format.json", ("<label value>,\n    ...", "\"web\""))));

    [Fact]
    public void Series_Example_ReadsEveryLabelSet()
    {
        var series = LokiResponseReader.Series(Strict("series.example.json"));
        Assert.Equal(3, series.Count);
        Assert.Equal("loki", series[0]["container_name"]);
        Assert.Equal("default/prometheus", series[1]["job"]);
        Assert.Equal("prometheus-server", series[2]["container_name"]);
        Assert.Equal(11, series[0].Count);
    }

    [Fact]
    public void QueryRange_StreamsExample_ReadsEntriesWithNanosecondTimes()
    {
        var result = LokiResponseReader.Query(Elided("query_range.streams.example.json"));
        Assert.Equal("streams", result.ResultType);
        var stream = Assert.Single(result.Streams);
        Assert.Equal("varlogs", stream.Labels["job"]);
        Assert.Equal("/var/log/myproject.log", stream.Labels["filename"]);
        Assert.Equal([1569266497240578000L, 1569266492548155000L], stream.Entries.Select(e => e.TimestampNs));
        Assert.Equal(["foo", "bar"], stream.Entries.Select(e => e.Line));
        Assert.Equal(new DateTimeOffset(2019, 9, 23, 19, 21, 37, TimeSpan.Zero).AddTicks(2405780), stream.Entries[0].Time);
        Assert.Equal("info", stream.Entries[1].Labels["level"]);
    }

    [Fact]
    public void QueryRange_MatrixExample_ReadsSamples()
    {
        var result = LokiResponseReader.Query(Elided("query_range.matrix.example.json"));
        Assert.Equal("matrix", result.ResultType);
        Assert.Equal(["info", "warn"], result.Series.Select(s => s.Metric["level"]));
        Assert.Equal([137.95, 467.115, 658.8516666666667], result.Series[0].Samples.Select(s => s.Value));
        Assert.All(result.Series.SelectMany(s => s.Samples), s => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1588889221), s.Time));
    }

    [Fact]
    public void Query_VectorExample_ReadsOneSamplePerSeries()
    {
        var result = LokiResponseReader.Query(Elided("query.vector.example.json"));
        Assert.Equal("vector", result.ResultType);
        Assert.Equal(3, result.Series.Count);
        Assert.Empty(result.Series[0].Metric);
        Assert.Equal(1267.1266666666666, Assert.Single(result.Series[0].Samples).Value);
        Assert.Equal("warn", result.Series[1].Metric["level"]);
        Assert.Equal(37.69, result.Series[2].Samples[0].Value);
    }

    [Fact]
    public void Stats_Example_CommentsDropped_ReadsEmptyStreams()
    {
        var result = LokiResponseReader.Query(Elided("stats.example.json"));
        Assert.Equal("streams", result.ResultType);
        Assert.Empty(result.Streams);
    }

    [Theory]
    [InlineData("query.response-format.json", "\"vector\" | \"streams\"", "[<vector value>] | [<stream value>]", "")]
    // This template lacks the comma after result (SOURCES.md: "schema template"); the fill puts it back.
    [InlineData("query_range.response-format.json", "\"matrix\" | \"streams\"", "[<matrix value>] | [<stream value>]\n", ",\n")]
    public void Query_Templates_EachAlternativeReads(string name, string types, string results, string separator)
    {
        var stream = "[{\"stream\":{\"job\":\"web\"},\"values\":[[\"1700000000000000001\",\"GET /\"]]}]";
        var streams = LokiResponseReader.Query(Template(name, (types, "\"streams\""), (results, stream + separator), ("[<statistics>]", "{}")));
        Assert.Equal("GET /", Assert.Single(Assert.Single(streams.Streams).Entries).Line);
        Assert.Equal(1700000000000000001L, streams.Streams[0].Entries[0].TimestampNs);

        var series = name.StartsWith("query_range", StringComparison.Ordinal)
            ? (Type: "\"matrix\"", Result: "[{\"metric\":{\"job\":\"web\"},\"values\":[[1700000000.5,\"2\"]]}]")
            : (Type: "\"vector\"", Result: "[{\"metric\":{\"job\":\"web\"},\"value\":[1700000000.5,\"2\"]}]");
        var metric = LokiResponseReader.Query(Template(name, (types, series.Type), (results, series.Result + separator), ("[<statistics>]", "{}")));
        var sample = Assert.Single(Assert.Single(metric.Series).Samples);
        Assert.Equal(2, sample.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1700000000500), sample.Time);
        Assert.Equal("web", metric.Series[0].Metric["job"]);
    }

    [Fact]
    public void Tail_Template_ReadsEntriesAndDroppedCount()
    {
        var (entries, dropped) = LokiResponseReader.TailMessage(Template("tail.response-format.json",
            ("<label key-value pairs>", "\"job\": \"web\""),
            ("<string: nanosecond unix epoch>", "\"1700000000000000042\""),
            ("<string: log line>", "\"GET /health\""),
            ("\"<nanosecond unix epoch>\"", "\"1700000000000000041\"")));
        var entry = Assert.Single(entries);
        Assert.Equal(1700000000000000042L, entry.TimestampNs);
        Assert.Equal("GET /health", entry.Line);
        Assert.Equal("web", entry.Labels["job"]);
        Assert.Equal(1, dropped);
    }

    [Theory]
    [InlineData("<html><body>Sign in</body></html>", "not JSON")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[[1,\"x\"]]}]}}", "stream value")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"streams\",\"result\":[{\"stream\":{},\"values\":[[\"soon\",\"x\"]]}]}}", "not the JSON")]
    [InlineData("{\"status\":\"error\"}", "status is \"error\"")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"histogram\",\"result\":[]}}", "unknown resultType")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":[1,2]}]}}", "sample")]
    public void Malformed_Answers_AreLokiExceptionsSayingWhat(string body, string says)
    {
        var error = Assert.Throws<LokiException>(() => LokiResponseReader.Query(Encoding.UTF8.GetBytes(body)));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"""stats"": \{\s*\.\.\.\s*\}")]
    private static partial Regex ElidedStats();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
