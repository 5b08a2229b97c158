using System.Net.Http.Json;
using System.Text.Json;
using Styx.Testing;

namespace Styx.Demo.Tests.Loki;

/// <summary>The demo's LogQL subset and Loki's parameter checks, with Loki's exact error texts (cluster-apis.md §2).</summary>
public sealed class LogQLTests(LokiDemoFixture fixture) : IClassFixture<LokiDemoFixture>
{
    [Theory]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%20%25%7D", "parse error at line 1, col 12: syntax error: unexpected %, expecting } or ,")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D~%22.*%22%7D", "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob!%3D%22web%22%7D", "queries require at least one regexp or equality matcher that does not have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, but app=~\".+\" will")]
    [InlineData("/loki/api/v1/query_range?query=%7B%7D", "parse error at line 1, col 2: syntax error: unexpected }, expecting IDENTIFIER")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D~%22(%22%7D", "parse error at line 1, col 7: error parsing regexp: ")]
    [InlineData("/loki/api/v1/query?query=%7Bjob%3D%22web%22%7D", "log queries are not supported as an instant query type, please change your query to a range query type")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%7D&limit=6000", "max entries limit per query exceeded, limit > max_entries_limit_per_query (6000 > 5000)")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%7D&limit=0", "limit must be a positive value")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%7D&direction=sideways", "invalid direction 'sideways'")]
    [InlineData("/loki/api/v1/query_range?query=%7Bjob%3D%22web%22%7D&start=1700000000&end=1700000000", "end timestamp must not be before or equal to start time")]
    [InlineData("/loki/api/v1/query_range?query=count_over_time(%7Bjob%3D%22web%22%7D%5B1m%5D)&step=0", "zero or negative query resolution step widths are not accepted. Try a positive integer")]
    [InlineData("/loki/api/v1/query_range?query=count_over_time(%7Bjob%3D%22web%22%7D%5B1m%5D)&start=1600000000&end=1700000000&step=1", "exceeded maximum resolution of 11,000 points per time series. Try increasing the value of the step parameter")]
    [InlineData("/loki/api/v1/tail?query=%7Bjob%3D%22web%22%7D&delay_for=6", "delay_for can't be greater than 5")]
    public async Task BadRequest_400WithLokisPlainText(string path, string text)
    {
        var response = await fixture.Loki.GetAsync(path);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_PlainReady()
    {
        Assert.Equal("ready\n", await fixture.Loki.GetStringAsync("/ready"));
    }

    [Fact]
    public async Task QueryRange_Envelope_StatusDataStatsAndNanosecondStrings()
    {
        JsonElement? data = null;
        await Eventually.True(async _ => (data = await fixture.QueryRangeAsync("{job=\"api\"}", 5, "backward")).Value.GetProperty("result").GetArrayLength() > 0, "api lines");
        Assert.Equal("streams", data!.Value.GetProperty("resultType").GetString());
        Assert.True(data.Value.GetProperty("stats").GetProperty("summary").GetProperty("totalLinesProcessed").GetInt64() > 0);
        var values = data.Value.GetProperty("result").EnumerateArray().SelectMany(s => s.GetProperty("values").EnumerateArray()).ToList();
        Assert.InRange(values.Count, 1, 5);
        Assert.All(values, v => Assert.Equal(JsonValueKind.String, v[0].ValueKind));
        // Backward: newest first within each stream.
        var times = data.Value.GetProperty("result")[0].GetProperty("values").EnumerateArray().Select(v => long.Parse(v[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task LineFilters_ContainsNotContainsRegex()
    {
        var allocation = await fixture.AllocationAsync("worker");
        var marker = Guid.NewGuid().ToString("N");
        fixture.Demo.AppendLogLine(allocation, "worker", false, $"{marker} alpha 42");
        fixture.Demo.AppendLogLine(allocation, "worker", false, $"{marker} beta 7");
        fixture.Demo.AppendLogLine(allocation, "worker", false, $"{marker} gamma x");
        await Eventually.True(async _ => (await fixture.LinesAsync($"{{job=\"worker\"}} |= \"{marker}\"")).Count == 3, "the three lines reach Loki");

        Assert.Equal([$"{marker} alpha 42", $"{marker} beta 7"], (await fixture.LinesAsync($"{{job=\"worker\"}} |= \"{marker}\" |~ \"\\\\d+$\"")).Select(l => l.Line));
        Assert.Equal([$"{marker} gamma x"], (await fixture.LinesAsync($"{{job=\"worker\"}} |= \"{marker}\" !~ \" [0-9]+$\"")).Select(l => l.Line));
        Assert.Equal([$"{marker} alpha 42", $"{marker} gamma x"], (await fixture.LinesAsync($"{{job=~\"work.*\", task!~\"nope\"}} |= \"{marker}\" != \"beta\"")).Select(l => l.Line));
    }

    [Fact]
    public async Task Json_ExtractsFieldsAsLabels_NonJsonGetsParserError()
    {
        var allocation = await fixture.AllocationAsync("web");
        var marker = Guid.NewGuid().ToString("N");
        fixture.Demo.AppendLogLine(allocation, "web", false, $"{{\"level\":\"error\",\"msg\":\"{marker}\",\"job\":\"inner\",\"http\":{{\"status\":504}},\"tags\":[1]}}");
        fixture.Demo.AppendLogLine(allocation, "web", false, $"plain {marker}");
        await Eventually.True(async _ => (await fixture.LinesAsync($"{{job=\"web\"}} |= \"{marker}\"")).Count == 2, "both lines reach Loki");

        var streams = (await fixture.QueryRangeAsync($"{{job=\"web\"}} |= \"{marker}\" | json")).GetProperty("result").EnumerateArray().Select(s => s.GetProperty("stream")).ToList();
        Assert.Equal(2, streams.Count);
        var json = streams.Single(s => s.TryGetProperty("level", out _));
        Assert.Equal("error", json.GetProperty("level").GetString());
        Assert.Equal(marker, json.GetProperty("msg").GetString());
        Assert.Equal("inner", json.GetProperty("job_extracted").GetString());
        Assert.Equal("web", json.GetProperty("job").GetString());
        Assert.Equal("504", json.GetProperty("http_status").GetString());
        Assert.False(json.TryGetProperty("tags", out _));
        Assert.Equal("JSONParserErr", streams.Single(s => !s.TryGetProperty("level", out _)).GetProperty("__error__").GetString());
    }

    [Fact]
    public async Task WebLog_JsonErrorLineWithinSeconds_AndHostileUserAgent()
    {
        var errors = new List<(long Ns, string Line)>();
        await Eventually.True(async _ => (errors = await fixture.LinesAsync("{job=\"web\", namespace=\"default\"} |= \"upstream timed out\" | json")).Count > 0, "web's JSON error line");
        Assert.StartsWith("{\"level\":\"error\"", errors[0].Line, StringComparison.Ordinal);
        var hostile = new List<(long Ns, string Line)>();
        await Eventually.True(async _ => (hostile = await fixture.LinesAsync("{job=\"web\"} |= \"\\u001b]52;c;\"")).Count > 0, "web's hostile User-Agent");
        Assert.Contains("\u001b]52;c;", hostile[0].Line, StringComparison.Ordinal);
        Assert.Contains("\u0007\u001b[2J\r", hostile[0].Line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metric_CountOverTimeAndRate_SumBy()
    {
        var allocation = await fixture.AllocationAsync("api");
        var marker = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 4; i++)
        {
            fixture.Demo.AppendLogLine(allocation, "api", true, $"{marker} {i}");
        }

        await Eventually.True(async _ => (await fixture.LinesAsync($"{{job=\"api\"}} |= \"{marker}\"")).Count == 4, "the lines reach Loki");
        var vector = await fixture.Loki.GetFromJsonAsync<JsonElement>($"/loki/api/v1/query?query={Uri.EscapeDataString($"sum by (job, stream) (count_over_time({{job=\"api\"}} |= \"{marker}\" [10m]))")}");
        var sample = Assert.Single(vector.GetProperty("data").GetProperty("result").EnumerateArray());
        Assert.Equal("vector", vector.GetProperty("data").GetProperty("resultType").GetString());
        Assert.Equal("{\"job\":\"api\",\"stream\":\"stderr\"}", sample.GetProperty("metric").GetRawText());
        Assert.Equal("4", sample.GetProperty("value")[1].GetString());

        var rate = await fixture.Loki.GetFromJsonAsync<JsonElement>($"/loki/api/v1/query?query={Uri.EscapeDataString($"sum(rate({{job=\"api\"}} |= \"{marker}\" [2s]))")}&time={DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds()}");
        Assert.Empty(rate.GetProperty("data").GetProperty("result").EnumerateArray());
    }
}
