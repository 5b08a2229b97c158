using System.Globalization;
using System.Text.Json;
using Styx.Cluster.Prometheus;

namespace Styx.Cluster.Tests.Prometheus;

/// <summary>
/// Every capture from a real Prometheus 2.42 (TestData/prometheus, see its SOURCES.md) read with the client's own
/// reader, each with the HTTP status from its <c>*.headers.txt</c>: success bodies become results with their values,
/// error bodies a <see cref="PrometheusException"/> with Prometheus's errorType and error as sent.
/// </summary>
public sealed class PrometheusSampleTests
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "prometheus");

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file!.EndsWith(".json", StringComparison.Ordinal) || file.EndsWith(".body.txt", StringComparison.Ordinal))
            {
                data.Add(file);
            }
        }

        return data;
    }

    /// <summary>The status line of the capture's headers file: <c>HTTP/1.1 400 Bad Request</c> → 400.</summary>
    private static int Status(string sample)
    {
        var stem = sample.EndsWith(".body.txt", StringComparison.Ordinal) ? sample[..^".body.txt".Length] : sample[..^".json".Length];
        var statusLine = File.ReadLines(Path.Combine(Folder, stem + ".headers.txt")).First();
        return int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static ReadOnlyMemory<byte> Body(string sample) => File.ReadAllBytes(Path.Combine(Folder, sample));

    private static PrometheusResult Query(string sample) => PrometheusResponseReader.Query(Status(sample), Body(sample));

    private static PrometheusException Error(string sample) =>
        Assert.Throws<PrometheusException>(() => PrometheusResponseReader.Query(Status(sample), Body(sample)));

    [Theory]
    [MemberData(nameof(Samples))]
    public void EverySample_ReadsAsItsEndpointsAnswer(string sample)
    {
        var status = Status(sample);
        var body = Body(sample);
        if (sample.StartsWith("error-", StringComparison.Ordinal))
        {
            var error = Assert.Throws<PrometheusException>(() => PrometheusResponseReader.Query(status, body));
            Assert.Equal(status, error.StatusCode);
            Assert.False(error.Unreachable);
        }
        else if (sample.StartsWith("query-", StringComparison.Ordinal) || sample.StartsWith("rate-", StringComparison.Ordinal))
        {
            Assert.Equal(200, status);
            Assert.Contains(PrometheusResponseReader.Query(status, body).ResultType, new[] { "vector", "matrix", "scalar", "string" });
        }
        else if (sample.StartsWith("label", StringComparison.Ordinal))
        {
            Assert.NotEmpty(PrometheusResponseReader.Strings(status, body));
        }
        else if (sample.StartsWith("series-", StringComparison.Ordinal))
        {
            Assert.NotEmpty(PrometheusResponseReader.Series(status, body));
        }
        else if (sample is "targets.json" or "targets-active.json" or "metadata-node-mem.json" or "buildinfo.json")
        {
            // Endpoints the client does not call; their envelope is the same.
            Assert.Equal(JsonValueKind.Object, PrometheusResponseReader.Envelope(status, body));
        }
        else if (sample is "ready.body.txt" or "healthy.body.txt")
        {
            // Plain-text health endpoints: not the API's JSON, so a PrometheusException, never a JsonException.
            var error = Assert.Throws<PrometheusException>(() => PrometheusResponseReader.Envelope(status, body));
            Assert.Contains("not JSON", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Fail($"{sample} is a new capture: say here which endpoint's answer it is");
        }
    }

    [Fact]
    public void QueryUp_VectorWithEveryTargetsLabelsAndValue()
    {
        var result = Query("query-up.json");
        Assert.Equal(PrometheusResultType.Vector, result.ResultType);
        Assert.Equal(["node", "down-target", "prometheus"], result.Series.Select(s => s.Metric["job"]));
        Assert.Equal([1d, 0d, 1d], result.Series.Select(s => Assert.Single(s.Samples).Value));
        Assert.Equal(new Dictionary<string, string> { ["__name__"] = "up", ["env"] = "test", ["instance"] = "127.0.0.1:9101", ["job"] = "node" }, result.Series[0].Metric);
        Assert.All(result.Series, s => Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1795516784359), s.Samples[0].Time));
        Assert.Null(result.Scalar);
        Assert.Null(result.String);
        Assert.Empty(result.Warnings);
        Assert.Empty(result.Infos);
    }

    [Fact]
    public void QueryWithTime_IntegerTimestamp() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795516784), Assert.Single(Assert.Single(Query("query-with-time.json").Series).Samples).Time);

    [Fact]
    public void QueryNodeMem_LargeValueExact() =>
        Assert.Equal(24773275648d, Query("query-node-mem.json").Series[0].Samples[0].Value);

    [Fact]
    public void QueryNodeCpu_SeriesPerModeWithoutName()
    {
        var result = Query("query-node-cpu.json");
        Assert.Equal(["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"], result.Series.Select(s => s.Metric["mode"]));
        Assert.All(result.Series, s => Assert.Single(s.Metric));
        Assert.Equal(1.3776000000000022, result.Series[0].Samples[0].Value);
    }

    [Fact]
    public void QueryHistogramQuantile_EmptyLabelSet()
    {
        var series = Assert.Single(Query("query-histogram-quantile.json").Series);
        Assert.Empty(series.Metric);
        Assert.Equal(0.09000000000000001, series.Samples[0].Value);
    }

    [Fact]
    public void QueryEmpty_NoSeries() => Assert.Empty(Query("query-empty.json").Series);

    [Fact]
    public void QueryScalar_ScalarWithTime()
    {
        var result = Query("query-scalar.json");
        Assert.Equal(PrometheusResultType.Scalar, result.ResultType);
        Assert.Equal(new PrometheusSample(DateTimeOffset.FromUnixTimeMilliseconds(1795516784372), 3), result.Scalar);
        Assert.Empty(result.Series);
    }

    [Fact]
    public void QueryString_TheString()
    {
        var result = Query("query-string.json");
        Assert.Equal(PrometheusResultType.String, result.ResultType);
        Assert.Equal("hello", result.String);
        Assert.Null(result.Scalar);
    }

    [Fact]
    public void QueryRangeUp_SeriesOfDifferentLengths()
    {
        var result = Query("query-range-up.json");
        Assert.Equal(PrometheusResultType.Matrix, result.ResultType);
        Assert.Equal([2, 3, 2], result.Series.Select(s => s.Samples.Count));
        var down = result.Series[1];
        Assert.Equal("down-target", down.Metric["job"]);
        Assert.Equal([1795516754L, 1795516769L, 1795516784L], down.Samples.Select(s => s.Time.ToUnixTimeSeconds()));
        Assert.All(down.Samples, s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public void QueryRangeRate_ValuesPerCode()
    {
        var result = Query("query-range-rate.json");
        Assert.Equal(["200", "400", "422", "503"], result.Series.Select(s => s.Metric["code"]));
        Assert.Equal([0.07153625508638517, 0.17153406344284977, 0.32, 0.28, 0.2, 0.19997600287965445], result.Series[0].Samples.Select(s => s.Value));
    }

    [Fact]
    public void QueryRange_RawJsonIsTheBody()
    {
        var result = Query("query-range-node-cpu.json");
        Assert.Equal(File.ReadAllText(Path.Combine(Folder, "query-range-node-cpu.json")), result.RawJson);
        Assert.Equal(76.50829000000094, result.Series[0].Samples[0].Value);
    }

    [Fact]
    public void RateOnGauge_NoWarningsIn242() => Assert.Empty(Query("rate-on-gauge.no-warning-in-2.42.json").Warnings);

    [Fact]
    public void Labels_AndLabelValues_AndSeries()
    {
        Assert.Equal(["__name__", "env", "instance", "job"], PrometheusResponseReader.Strings(200, Body("labels-match.json")));
        Assert.Equal(49, PrometheusResponseReader.Strings(200, Body("labels.json")).Count);
        Assert.Equal(["down-target", "node", "prometheus"], PrometheusResponseReader.Strings(200, Body("label-job-values.json")));
        var series = PrometheusResponseReader.Series(200, Body("series-up.json"));
        Assert.Equal(["node", "down-target", "prometheus"], series.Select(s => s["job"]));
        Assert.Equal("test", series[0]["env"]);
    }

    [Theory]
    [InlineData("error-parse.json", 400, "bad_data", "invalid parameter \"query\": 1:16: parse error: unclosed left parenthesis")]
    [InlineData("error-unknown-function.json", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: unknown function with name \"nosuchfn\"")]
    [InlineData("error-missing-query.json", 400, "bad_data", "invalid parameter \"query\": 1:1: parse error: no expression found in input")]
    [InlineData("error-bad-time.json", 400, "bad_data", "invalid parameter \"time\": Invalid time value for 'time': cannot parse \"notatime\" to a valid timestamp")]
    [InlineData("error-bad-timeout-param.json", 400, "bad_data", "invalid parameter \"timeout\": cannot parse \"1ns\" to a valid duration")]
    [InlineData("error-range-end-before-start.json", 400, "bad_data", "invalid parameter \"end\": end timestamp must not be before start time")]
    [InlineData("error-range-missing-step.json", 400, "bad_data", "invalid parameter \"step\": cannot parse \"\" to a valid duration")]
    [InlineData("error-range-too-many-points.json", 400, "bad_data", "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)")]
    [InlineData("error-exec-type.json", 400, "bad_data", "invalid expression type \"string\" for range query, must be Scalar or instant Vector")]
    [InlineData("error-series-no-match.json", 400, "bad_data", "no match[] parameter provided")]
    [InlineData("error-timeout.json", 503, "timeout", "query timed out in query execution")]
    public void ErrorBody_PrometheusErrorTypeAndTextAsSent(string sample, int status, string errorType, string text)
    {
        var error = Error(sample);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(errorType, error.ErrorType);
        Assert.Equal(text, error.Error);
        Assert.Equal(text, error.Message);
    }

    [Fact]
    public void ManyToMany_Execution422WithTheWholeText()
    {
        var error = Error("error-execution-many-to-many.json");
        Assert.Equal((422, "execution"), (error.StatusCode!.Value, error.ErrorType!));
        Assert.StartsWith("found duplicate series for the match group {} on the right hand-side of the operation:", error.Error, StringComparison.Ordinal);
        Assert.EndsWith("many-to-many matching not allowed: matching labels must be unique on one side", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownEndpoint_404TextBody_SaysSoWithoutErrorType()
    {
        var error = Assert.Throws<PrometheusException>(() => PrometheusResponseReader.Query(404, Body("error-404-unknown-endpoint.body.txt")));
        Assert.Equal("Prometheus answered 404 without Prometheus's error JSON: 404 page not found", error.Message);
        Assert.Equal(404, error.StatusCode);
        Assert.Null(error.ErrorType);
        Assert.Null(error.Error);
    }
}
