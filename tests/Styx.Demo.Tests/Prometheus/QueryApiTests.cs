using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Styx.Demo.Tests.Prometheus;

/// <summary>
/// The stand-in Prometheus query API: envelope, result types and number spellings (cluster-apis.md §3), the PromQL
/// subset over the same numbers the exposition shows, and Prometheus 2.42's error texts (fixtures/prometheus/samples).
/// </summary>
public sealed class QueryApiTests(PrometheusDemoFixture fixture) : IClassFixture<PrometheusDemoFixture>
{
    [Fact]
    public async Task Ready_PlainText()
    {
        var response = await fixture.Http.GetAsync("/-/ready");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Prometheus Server is Ready.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Query_VectorEnvelope_TimestampNumberValueString_AndNomadTargetLabels()
    {
        var (status, body) = await fixture.ApiAsync("/api/v1/query?query=nomad_client_host_memory_total");
        Assert.Equal(200, status);
        Assert.Equal("success", body.GetProperty("status").GetString());
        var data = body.GetProperty("data");
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        var result = data.GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(3, result.Count);
        var first = result[0];
        Assert.Equal("nomad_client_host_memory_total", first.GetProperty("metric").GetProperty("__name__").GetString());
        Assert.Equal("nomad", first.GetProperty("metric").GetProperty("job").GetString());
        Assert.EndsWith(":4646", first.GetProperty("metric").GetProperty("instance").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("value")[0].ValueKind);
        Assert.Equal(fixture.NowSeconds, first.GetProperty("value")[0].GetDouble());
        Assert.Equal(JsonValueKind.String, first.GetProperty("value")[1].ValueKind);

        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        var nodeId = first.GetProperty("metric").GetProperty("node_id").GetString()!;
        Assert.Equal(exposition.Value("nomad_client_host_memory_total", ("node_id", nodeId)), PrometheusDemoFixture.Number(first.GetProperty("value")[1].GetString()!));
    }

    [Fact]
    public async Task Query_TimeParameter_EchoedWithMilliseconds()
    {
        var at = fixture.NowSeconds - 60;
        var data = await fixture.QueryAsync("up");
        Assert.Equal(4, data.GetProperty("result").GetArrayLength());
        var (_, body) = await fixture.ApiAsync($"/api/v1/query?query=up&time={at}.25");
        Assert.Equal($"{at}.250", body.GetProperty("data").GetProperty("result")[0].GetProperty("value")[0].GetRawText());
    }

    [Theory]
    [InlineData("up{job=\"nomad\"}", 3)]
    [InlineData("up{job!=\"nomad\"}", 1)]
    [InlineData("up{job=~\"nom.*\"}", 3)]
    [InlineData("up{job!~\"nom.*\"}", 1)]
    [InlineData("up{job=~\"noma\"}", 0)]
    [InlineData("{__name__=\"up\",job=\"traefik\"}", 1)]
    [InlineData("nomad_client_allocs_memory_rss{job=\"web\"}", 0)]
    [InlineData("nomad_client_allocs_memory_rss{exported_job=\"web\",namespace=\"default\"}", 2)]
    /// <remarks>Nomad's job label of allocation metrics clashes with the scrape job and becomes exported_job (honor_labels: false).</remarks>
    public async Task Matchers_SelectAsPrometheus_RegexAnchored(string query, int count)
    {
        var data = await fixture.QueryAsync(query);
        Assert.Equal(count, data.GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task RateIncreaseIrate_OfTraefikRequests_FollowTheAccessLogRate()
    {
        const string web200 = "traefik_service_requests_total{service=\"web@nomad\",code=\"200\"}";
        var rate = await fixture.SingleValueAsync($"rate({web200}[5m])");
        // About 2 requests/s, 91 % of them 200s, with a ±30 % swell.
        Assert.InRange(rate, 2 * 0.91 * 0.65, 2 * 0.91 * 1.35);
        var increase = await fixture.SingleValueAsync($"increase({web200}[5m])");
        Assert.Equal(rate * 300, increase, 6);
        Assert.InRange(await fixture.SingleValueAsync($"irate({web200}[1m])"), 0.5, 3.5);

        var data = await fixture.QueryAsync($"rate({web200}[5m])");
        Assert.False(data.GetProperty("result")[0].GetProperty("metric").TryGetProperty("__name__", out _));
    }

    [Fact]
    public async Task Aggregations_ByAndWithout_KeepTheGroupingLabels()
    {
        var data = await fixture.QueryAsync("sum by (service) (rate(traefik_service_requests_total[5m]))");
        var services = data.GetProperty("result").EnumerateArray().Select(r => r.GetProperty("metric")).ToList();
        Assert.Equal(2, services.Count);
        Assert.All(services, m => Assert.Equal(["service"], m.EnumerateObject().Select(p => p.Name)));

        var byNode = (await fixture.QueryAsync("avg by (node_id) (nomad_client_host_cpu_idle)")).GetProperty("result");
        Assert.Equal(3, byNode.GetArrayLength());
        var max = await fixture.SingleValueAsync("max(nomad_client_host_cpu_idle)");
        var min = await fixture.SingleValueAsync("min(nomad_client_host_cpu_idle)");
        var avg = await fixture.SingleValueAsync("avg(nomad_client_host_cpu_idle)");
        Assert.True(min <= avg && avg <= max && max <= 100, $"{min} {avg} {max}");
        Assert.Equal(4, await fixture.SingleValueAsync("count(up)"));

        var without = (await fixture.QueryAsync("sum without (cpu) (nomad_client_host_cpu_total)")).GetProperty("result");
        Assert.Equal(3, without.GetArrayLength());
        Assert.False(without[0].GetProperty("metric").TryGetProperty("cpu", out _));
        Assert.False(without[0].GetProperty("metric").TryGetProperty("__name__", out _));
    }

    [Fact]
    public async Task HistogramQuantile_OfTraefikDurations_WithinTheBuckets()
    {
        var data = await fixture.QueryAsync("histogram_quantile(0.9, sum by (le, service) (rate(traefik_service_request_duration_seconds_bucket[5m])))");
        var result = data.GetProperty("result").EnumerateArray().ToList();
        Assert.Equal(2, result.Count);
        Assert.All(result, r =>
        {
            Assert.Equal(["service"], r.GetProperty("metric").EnumerateObject().Select(p => p.Name));
            Assert.InRange(PrometheusDemoFixture.Number(r.GetProperty("value")[1].GetString()!), 0.1, 5);
        });
        // φ outside [0, 1] gives ±Inf, as Prometheus does.
        var above = await fixture.QueryAsync("histogram_quantile(2, sum by (le) (rate(traefik_service_request_duration_seconds_bucket[5m])))");
        Assert.Equal("+Inf", above.GetProperty("result")[0].GetProperty("value")[1].GetString());
    }

    [Fact]
    public async Task Arithmetic_VectorVectorAndVectorScalar()
    {
        var ratios = (await fixture.QueryAsync("nomad_client_host_memory_used / nomad_client_host_memory_total")).GetProperty("result");
        Assert.Equal(3, ratios.GetArrayLength());
        Assert.All(ratios.EnumerateArray(), r => Assert.InRange(PrometheusDemoFixture.Number(r.GetProperty("value")[1].GetString()!), 0.01, 1));
        var node = ratios[0].GetProperty("metric").GetProperty("node_id").GetString();
        var total = await fixture.SingleValueAsync($"nomad_client_host_memory_total{{node_id=\"{node}\"}}");
        Assert.Equal(total / 1048576 * 2 - 1, await fixture.SingleValueAsync($"nomad_client_host_memory_total{{node_id=\"{node}\"}} / 1048576 * 2 - 1"));
        Assert.Equal(100 - total, await fixture.SingleValueAsync($"100 - nomad_client_host_memory_total{{node_id=\"{node}\"}}"));
    }

    [Theory]
    [InlineData("1/0", "scalar", "+Inf")]
    [InlineData("-1/0", "scalar", "-Inf")]
    [InlineData("0/0", "scalar", "NaN")]
    [InlineData("scalar(count(up))", "scalar", "4")]
    [InlineData("scalar(up)", "scalar", "NaN")]
    [InlineData("2 * 3 + 1", "scalar", "7")]
    [InlineData("0.1 + 0.2", "scalar", "0.30000000000000004")]
    [InlineData("1e21", "scalar", "1000000000000000000000")]
    [InlineData("\"hello\"", "string", "hello")]
    public async Task ScalarsAndStrings_SpelledAsPrometheus(string query, string type, string value)
    {
        var data = await fixture.QueryAsync(query);
        Assert.Equal(type, data.GetProperty("resultType").GetString());
        Assert.Equal(fixture.NowSeconds, data.GetProperty("result")[0].GetDouble());
        Assert.Equal(value, data.GetProperty("result")[1].GetString());
    }

    [Fact]
    public async Task Vector_OfAScalar_HasNoLabels()
    {
        var data = await fixture.QueryAsync("vector(1/0)");
        var sample = Assert.Single(data.GetProperty("result").EnumerateArray());
        Assert.Empty(sample.GetProperty("metric").EnumerateObject());
        Assert.Equal("+Inf", sample.GetProperty("value")[1].GetString());
    }

    [Fact]
    public async Task QueryRange_MatrixOnTheStepGrid()
    {
        var end = fixture.NowSeconds;
        var (status, body) = await fixture.ApiAsync($"/api/v1/query_range?query=up%7Bjob%3D%22traefik%22%7D&start={end - 60}&end={end}&step=15");
        Assert.Equal(200, status);
        var data = body.GetProperty("data");
        Assert.Equal("matrix", data.GetProperty("resultType").GetString());
        var values = Assert.Single(data.GetProperty("result").EnumerateArray()).GetProperty("values").EnumerateArray().ToList();
        Assert.Equal([end - 60, end - 45, end - 30, end - 15, end], values.Select(v => v[0].GetInt64()));
        Assert.All(values, v => Assert.Equal("1", v[1].GetString()));

        var (_, scalar) = await fixture.ApiAsync($"/api/v1/query_range?query=1&start={end - 30}&end={end}&step=30s");
        var series = Assert.Single(scalar.GetProperty("data").GetProperty("result").EnumerateArray());
        Assert.Empty(series.GetProperty("metric").EnumerateObject());
        Assert.Equal(2, series.GetProperty("values").GetArrayLength());
    }

    [Fact]
    public async Task QueryRange_SeriesStartWhenTheirDataStarts()
    {
        var start = PrometheusDemoFixture.Start.ToUnixTimeSeconds() - 60;
        var (_, body) = await fixture.ApiAsync($"/api/v1/query_range?query=up%7Bjob%3D%22traefik%22%7D&start={start}&end={start + 120}&step=30");
        var values = Assert.Single(body.GetProperty("data").GetProperty("result").EnumerateArray()).GetProperty("values");
        Assert.Equal(start + 60, values[0][0].GetInt64());
    }

    [Fact]
    public async Task PostForm_LikeGet()
    {
        var response = await fixture.Http.PostAsync("/api/v1/query", new FormUrlEncodedContent([KeyValuePair.Create("query", "count(up)")]));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("4", body.GetProperty("data").GetProperty("result")[0].GetProperty("value")[1].GetString());
    }

    [Fact]
    public async Task LabelsLabelValuesAndSeries()
    {
        var (_, labels) = await fixture.ApiAsync("/api/v1/labels");
        var names = labels.GetProperty("data").EnumerateArray().Select(n => n.GetString()!).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
        Assert.Contains("__name__", names);
        Assert.Contains("node_id", names);
        Assert.Contains("le", names);

        var (_, jobs) = await fixture.ApiAsync("/api/v1/label/job/values");
        Assert.Contains("nomad", jobs.GetProperty("data").EnumerateArray().Select(j => j.GetString()));
        Assert.Contains("traefik", jobs.GetProperty("data").EnumerateArray().Select(j => j.GetString()));

        var (_, series) = await fixture.ApiAsync("/api/v1/series?match[]=up");
        Assert.Equal(4, series.GetProperty("data").GetArrayLength());
        Assert.Equal("up", series.GetProperty("data")[0].GetProperty("__name__").GetString());

        var (_, matched) = await fixture.ApiAsync("/api/v1/labels?match[]=up");
        Assert.Equal(["__name__", "instance", "job"], matched.GetProperty("data").EnumerateArray().Select(n => n.GetString()));
    }

    /// <summary>The texts of fixtures/prometheus/samples/error-*.json, each from the same request to Prometheus 2.42.</summary>
    [Theory]
    [InlineData("/api/v1/query?query=sum(rate(up%5B5m%5D", 400, "bad_data", "invalid parameter \"query\": 1:16: parse error: unclosed left parenthesis")]
    [InlineData("/api/v1/query", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("/api/v1/query?query=nosuchfn(up)", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: unknown function with name \"nosuchfn\"")]
    [InlineData("/api/v1/query?query=up&time=notatime", 400, "bad_data", "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"notatime\" to a valid timestamp")]
    [InlineData("/api/v1/query?query=up&timeout=1ns", 400, "bad_data", "invalid parameter \"timeout\": cannot parse \"1ns\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&start=200&end=100&step=15", 400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("/api/v1/query_range?query=up&start=100&end=200", 400, "bad_data", "invalid parameter \"step\": cannot parse \"\" to a valid duration")]
    [InlineData("/api/v1/query_range?query=up&start=0&end=1795516784&step=1", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("/api/v1/query_range?query=%22str%22&start=100&end=200&step=15", 400, "bad_data", "invalid expression type \"string\" for range query, must be Scalar or instant Vector")]
    [InlineData("/api/v1/series", 400, "bad_data", "no match[] parameter provided")]
    [InlineData("/api/v1/query?query=up%7B", 400, "bad_data", "invalid parameter \"query\": 1:4: parse error: unexpected end of input inside braces")]
    [InlineData("/api/v1/query?query=rate(up)", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: expected type range vector in call to function \"rate\", got instant vector")]
    [InlineData("/api/v1/query?query=vector(1)*%7B__name__%3D~%22nomad_nomad_broker_total_ready%7Cnomad_nomad_plan_queue_depth%22%7D", 422, "execution",
        "found duplicate series for the match group {host=\"mac-studio-1\", instance=\"100.64.0.1:4646\", job=\"nomad\"} on the right hand-side of the operation: [{__name__=\"nomad_nomad_plan_queue_depth\", host=\"mac-studio-1\", instance=\"100.64.0.1:4646\", job=\"nomad\"}, {__name__=\"nomad_nomad_broker_total_ready\", host=\"mac-studio-1\", instance=\"100.64.0.1:4646\", job=\"nomad\"}];many-to-many matching not allowed: matching labels must be unique on one side")]
    public async Task Errors_PrometheusTypeStatusAndText(string path, int status, string type, string text)
    {
        var response = await fixture.Http.GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("error", body.GetProperty("status").GetString());
        Assert.Equal(type, body.GetProperty("errorType").GetString());
        Assert.Equal(text, body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("topk(3, up)")]
    [InlineData("up > 0")]
    [InlineData("up * on(job) up")]
    [InlineData("abs(up)")]
    [InlineData("rate(up[5m:1m])")]
    [InlineData("up offset 5m")]
    public async Task OutsideTheSubset_BadDataNamingStyxDemo(string query)
    {
        var (status, body) = await fixture.ApiAsync("/api/v1/query?query=" + Uri.EscapeDataString(query));
        Assert.Equal(400, status);
        Assert.Equal("bad_data", body.GetProperty("errorType").GetString());
        Assert.Contains("Styx.Demo does not implement", body.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiPath_404PlainText()
    {
        var response = await fixture.Http.GetAsync("/api/v1/nosuch");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestLog_RecordsPrometheusRequests()
    {
        var marker = "count(up) + " + Guid.NewGuid().ToString("N").Length.ToString(CultureInfo.InvariantCulture);
        await fixture.QueryAsync(marker);
        await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus");
        var records = fixture.Demo.Requests.All;
        Assert.Contains(records, r => r.Path == "/api/v1/query" && r.Method == "GET" && r.Status == 200 && Uri.UnescapeDataString(r.Query).Contains(marker, StringComparison.Ordinal));
        Assert.Contains(records, r => r.Path == "/v1/metrics" && r.Query == "?format=prometheus" && r.Status == 200);
    }
}
