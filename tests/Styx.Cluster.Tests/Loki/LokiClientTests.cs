using Styx.Cluster.Loki;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Loki;

/// <summary>The Loki client against Styx.Demo over HTTP: the five endpoints, and errors carrying Loki's own text.</summary>
public sealed class LokiClientTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly LokiClient _loki = new(new LokiClientOptions { Address = fixture.Demo.Server.LokiAddress }, TimeProvider.System);
    private CancellationToken Ct => _timeout.Token;
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public void Dispose()
    {
        _loki.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task QueryRange_LogQuery_StreamsWithPromtailLabels()
    {
        var result = await Eventually.Value(() => Query("{job=\"api\"}", 10).Result is { Streams.Count: > 0 } r ? r : null, "api has log lines in Loki");
        Assert.Equal("streams", result.ResultType);
        foreach (var stream in result.Streams)
        {
            Assert.Equal("api", stream.Labels["job"]);
            Assert.Equal("default", stream.Labels["namespace"]);
            Assert.Equal($"/var/lib/nomad/alloc/{stream.Labels["alloc_id"]}/alloc/logs/{stream.Labels["task"]}.{stream.Labels["stream"]}.0", stream.Labels["filename"]);
            Assert.StartsWith("mac-", stream.Labels["host"], StringComparison.Ordinal);
            Assert.Equal(["task_group", "task"], new[] { "task_group", "task" }.Where(stream.Labels.ContainsKey));
        }

        var entries = result.Streams.SelectMany(s => s.Entries).ToList();
        Assert.InRange(entries.Count, 1, 10);
        Assert.All(entries, e => Assert.InRange(e.Time, Now.AddHours(-1), Now));
    }

    [Fact]
    public async Task QueryRange_InjectedLine_FoundByLineFilterWithItsTimestamp()
    {
        var allocation = (await _loki.LabelValuesAsync("alloc_id", null, null, "{job=\"web\"}", Ct))[0];
        var marker = "styx-client-test " + Guid.NewGuid().ToString("N");
        var (timestamp, _) = fixture.Demo.Server.AppendLogLine(allocation, "web", true, marker + " \"quoted\" and \\ backslash");

        var found = await Eventually.Value(() => Query($"{{job=\"web\", stream=\"stderr\"}} |= \"{marker}\"", 100).Result.Streams.SingleOrDefault(), "the injected line reaches Loki");
        var entry = Assert.Single(found.Entries);
        Assert.Equal(marker + " \"quoted\" and \\ backslash", entry.Line);
        Assert.Equal(timestamp, entry.TimestampNs);
        Assert.Equal(allocation, found.Labels["alloc_id"]);
        Assert.Equal("stderr", found.Labels["stream"]);
    }

    [Fact]
    public async Task Query_MetricQuery_VectorPerJob()
    {
        var result = await Eventually.Value(
            () => _loki.QueryAsync("sum by (job) (count_over_time({namespace=\"default\", job=~\"web|api\"}[1h]))", null, 100, LokiDirection.Backward, Ct).Result is { Series.Count: 2 } r ? r : null,
            "both jobs have lines");
        Assert.Equal("vector", result.ResultType);
        Assert.Equal(["api", "web"], result.Series.Select(s => s.Metric["job"]).Order(StringComparer.Ordinal));
        Assert.All(result.Series, s => Assert.True(Assert.Single(s.Samples).Value >= 1));
        Assert.All(result.Series, s => Assert.Single(s.Metric));
    }

    [Fact]
    public async Task QueryRange_MetricQuery_MatrixAtEachStep()
    {
        var end = Now;
        var result = await _loki.QueryRangeAsync("sum(rate({job=\"api\", stream=\"stdout\"}[1m]))", end.AddMinutes(-2), end, 100, LokiDirection.Backward, TimeSpan.FromSeconds(30), Ct);
        Assert.Equal("matrix", result.ResultType);
        var series = Assert.Single(result.Series);
        Assert.Empty(series.Metric);
        Assert.All(series.Samples, s => Assert.True(s.Value > 0));
        Assert.All(series.Samples.Zip(series.Samples.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(30), p.Second.Time - p.First.Time));
    }

    [Fact]
    public async Task Labels_AndValues_AndSeries_NameThePromtailLabels()
    {
        var labels = await _loki.LabelsAsync(Now.AddHours(-1), Now.AddMinutes(1), null, Ct);
        Assert.Equal(["alloc_id", "filename", "host", "job", "namespace", "stream", "task", "task_group"], labels);

        var jobs = await _loki.LabelValuesAsync("job", null, null, null, Ct);
        Assert.Contains("web", jobs);
        Assert.Contains("postgres", jobs);
        Assert.Equal(["web"], await _loki.LabelValuesAsync("job", null, null, "{job=\"web\"}", Ct));

        var series = await _loki.SeriesAsync(["{job=\"api\", stream=\"stdout\"}", "{job=\"worker\", stream=\"stdout\"}"], Now.AddHours(-1), Now.AddMinutes(1), Ct);
        Assert.NotEmpty(series);
        Assert.All(series, s => Assert.Contains(s["job"], new[] { "api", "worker" }));
        Assert.Contains(series, s => s["job"] == "worker");
        Assert.All(series, s => Assert.Equal("stdout", s["stream"]));
    }

    [Theory]
    [InlineData("{job=\"web\" %}", "parse error at line 1, col 12: syntax error: unexpected %, expecting } or ,")]
    [InlineData("{job=~\".*\"}", "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will")]
    public async Task QueryRange_BadQuery_LokisTextAnd400(string query, string text)
    {
        var error = await Assert.ThrowsAsync<LokiException>(() => Query(query, 10));
        Assert.Equal(text, error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task Query_LogQuery_RefusedWithLokisText()
    {
        var error = await Assert.ThrowsAsync<LokiException>(() => _loki.QueryAsync("{job=\"web\"}", null, 10, LokiDirection.Backward, Ct));
        Assert.Equal("log queries are not supported as an instant query type, please change your query to a range query type", error.Message);
    }

    [Fact]
    public async Task QueryRange_LimitOverMax_LokisText()
    {
        var error = await Assert.ThrowsAsync<LokiException>(() => Query("{job=\"web\"}", 6000));
        Assert.Equal("max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)", error.Message);
    }

    [Fact]
    public async Task Unreachable_LokiExceptionNamingTheAddress()
    {
        using var nowhere = new LokiClient(new LokiClientOptions { Address = new Uri("http://127.0.0.1:9/") }, TimeProvider.System);
        var error = await Assert.ThrowsAsync<LokiException>(() => nowhere.LabelsAsync(null, null, null, Ct));
        Assert.Contains("127.0.0.1:9", error.Message, StringComparison.Ordinal);
        Assert.Null(error.StatusCode);
    }

    private Task<LokiQueryResult> Query(string query, int limit) =>
        _loki.QueryRangeAsync(query, Now.AddHours(-1), Now.AddMinutes(1), limit, LokiDirection.Backward, null, Ct);
}
