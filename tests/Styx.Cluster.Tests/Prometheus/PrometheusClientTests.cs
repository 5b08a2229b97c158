using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Prometheus;

/// <summary>
/// The Prometheus client against a real Prometheus (Debian package <c>prometheus</c>) scraping itself and a test-set
/// exposition every second: the four result types, NaN/±Inf, labels, series, Prometheus's exact error texts, staleness,
/// the raw body, and an outage as <see cref="PrometheusException.Unreachable"/>.
/// </summary>
public sealed class PrometheusClientTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly PrometheusClient _prometheus = new(new PrometheusClientOptions { Address = fixture.Prometheus.Address }, TimeProvider.System);
    private CancellationToken Ct => _timeout.Token;
    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public void Dispose()
    {
        _prometheus.Dispose();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Query_Up_VectorWithASamplePerTarget()
    {
        var result = await _prometheus.QueryAsync("up", null, Ct);
        Assert.Equal(PrometheusResultType.Vector, result.ResultType);
        Assert.Equal([PrometheusFixture.ExpositionJob, PrometheusServer.SelfJob], result.Series.Select(s => s.Metric["job"]).Order(StringComparer.Ordinal));
        var self = result.Series.Single(s => s.Metric["job"] == PrometheusServer.SelfJob);
        Assert.Equal(fixture.Prometheus.Address.Authority, self.Metric["instance"]);
        Assert.Equal("up", self.Metric["__name__"]);
        Assert.All(result.Series, s => Assert.Equal(1, Assert.Single(s.Samples).Value));
        Assert.All(result.Series, s => Assert.InRange(s.Samples[0].Time, Now.AddSeconds(-10), Now.AddSeconds(1)));
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public async Task QueryRange_UpOverTheLastMinute_MatrixAtEachSecond()
    {
        var end = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds());
        var result = await _prometheus.QueryRangeAsync("up{job=\"prometheus\"}", end.AddMinutes(-1), end, TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(PrometheusResultType.Matrix, result.ResultType);
        var series = Assert.Single(result.Series);
        Assert.InRange(series.Samples.Count, 1, 61);
        Assert.Equal(end, series.Samples[^1].Time);
        Assert.All(series.Samples, s => Assert.Equal(1, s.Value));
        Assert.All(series.Samples.Zip(series.Samples.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second.Time - p.First.Time));
    }

    [Fact]
    public async Task Query_ScalarOfVector_Scalar()
    {
        var at = DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds());
        var result = await _prometheus.QueryAsync("scalar(vector(1))", at, Ct);
        Assert.Equal(PrometheusResultType.Scalar, result.ResultType);
        Assert.Equal(new PrometheusSample(at, 1), result.Scalar);
        Assert.Empty(result.Series);
    }

    [Fact]
    public async Task Query_StringLiteral_String()
    {
        var result = await _prometheus.QueryAsync("\"hello\"", null, Ct);
        Assert.Equal(PrometheusResultType.String, result.ResultType);
        Assert.Equal("hello", result.String);
    }

    [Theory]
    [InlineData("0/0", double.NaN)]
    [InlineData("1/0", double.PositiveInfinity)]
    [InlineData("-1/0", double.NegativeInfinity)]
    public async Task Query_SpecialScalars_NaNAndInfinities(string query, double value) =>
        Assert.Equal(value, (await _prometheus.QueryAsync(query, null, Ct)).Scalar!.Value);

    [Fact]
    public async Task Query_VectorDividedByZero_NaNSample()
    {
        var series = Assert.Single((await _prometheus.QueryAsync("vector(0)/0", null, Ct)).Series);
        Assert.True(double.IsNaN(Assert.Single(series.Samples).Value));
        Assert.Empty(series.Metric);
    }

    [Fact]
    public async Task Labels_AndValues_AndSeries_OfTheScrapedTargets()
    {
        var labels = await _prometheus.LabelsAsync(null, null, null, Ct);
        Assert.Contains("__name__", labels);
        Assert.Contains("code", labels);
        Assert.Equal(["__name__", "instance", "job"], await _prometheus.LabelsAsync(["up"], Now.AddMinutes(-5), Now, Ct));

        Assert.Equal([PrometheusFixture.ExpositionJob, PrometheusServer.SelfJob], await _prometheus.LabelValuesAsync("job", null, null, null, Ct));
        Assert.Equal([PrometheusServer.SelfJob], await _prometheus.LabelValuesAsync("job", ["up{job=\"prometheus\"}"], Now.AddMinutes(-5), Now, Ct));

        var series = await _prometheus.SeriesAsync(["up", "prometheus_build_info"], Now.AddMinutes(-5), Now, Ct);
        Assert.Equal(3, series.Count);
        Assert.Equal(2, series.Count(s => s["__name__"] == "up"));
        Assert.Equal(PrometheusServer.SelfJob, series.Single(s => s["__name__"] == "prometheus_build_info")["job"]);
    }

    [Theory]
    [InlineData("up{", "invalid parameter \"query\": 1:4: parse error: unexpected end of input inside braces")]
    [InlineData("nosuchfn(up)", "invalid parameter \"query\": 1:1: parse error: unknown function with name \"nosuchfn\"")]
    [InlineData("scalar(1)", "invalid parameter \"query\": 1:8: parse error: expected type instant vector in call to function \"scalar\", got scalar")]
    public async Task Query_BadQuery_BadDataWithPrometheusText(string query, string text)
    {
        var error = await Assert.ThrowsAsync<PrometheusException>(() => _prometheus.QueryAsync(query, null, Ct));
        Assert.Equal((400, "bad_data", text, text), (error.StatusCode, error.ErrorType, error.Error, error.Message));
        Assert.False(error.Unreachable);
    }

    [Fact]
    public async Task QueryRange_EndBeforeStart_BadData()
    {
        var error = await Assert.ThrowsAsync<PrometheusException>(() => _prometheus.QueryRangeAsync("up", Now, Now.AddMinutes(-1), TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(("bad_data", "invalid parameter \"end\": end timestamp must not be before start time"), (error.ErrorType, error.Error));
    }

    [Fact]
    public async Task Query_RawJson_ByteForByteWhatPrometheusSent()
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(Now.ToUnixTimeSeconds() - 1);
        var result = await _prometheus.QueryAsync("up", at, Ct);
        using var http = new HttpClient { BaseAddress = fixture.Prometheus.Address };
        var body = await http.GetByteArrayAsync($"/api/v1/query?query=up&time={at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}", Ct);
        Assert.Equal(body, System.Text.Encoding.UTF8.GetBytes(result.RawJson));
        Assert.StartsWith("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\"", result.RawJson, StringComparison.Ordinal);
    }

    /// <summary>
    /// Staleness as the API shows it: when a series leaves its target's exposition, Prometheus writes a stale marker at
    /// the next scrape, and queries stop returning the series at once (not after the 5 min lookback) without ever
    /// returning the marker itself as a NaN sample.
    /// </summary>
    [Fact]
    public async Task QueryRange_TargetDropsSeries_SeriesEndsWithoutAStaleSample()
    {
        fixture.Exposition.Text = "styx_stale_probe 7\n";
        await Eventually.True(async ct => (await _prometheus.QueryAsync("styx_stale_probe", null, ct)).Series.Count == 1, "the probe is scraped");
        await Eventually.True(async ct => (await _prometheus.QueryAsync("count_over_time(styx_stale_probe[1m])", null, ct)).Series is [{ Samples: [{ Value: >= 2 }] }], "two scrapes hold the probe");

        fixture.Exposition.Text = "";
        // The 5 min lookback would keep a series without a stale marker in instant results far beyond this wait's bound.
        await Eventually.True(async ct => (await _prometheus.QueryAsync("styx_stale_probe", null, ct)).Series.Count == 0, "the probe is stale");

        var end = Now;
        var range = await _prometheus.QueryRangeAsync("styx_stale_probe", end.AddMinutes(-1), end, TimeSpan.FromMilliseconds(250), Ct);
        var series = Assert.Single(range.Series);
        Assert.All(series.Samples, s => Assert.Equal(7, s.Value));
        // The range's last point (at end) is after the marker, so it is absent; the series ended seconds ago, not minutes.
        Assert.InRange(end - series.Samples[^1].Time, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("NaN", range.RawJson, StringComparison.Ordinal);
        var raw = await _prometheus.QueryAsync("styx_stale_probe[1m]", null, Ct);
        Assert.All(Assert.Single(raw.Series).Samples, s => Assert.Equal(7, s.Value));
    }

    [Fact]
    public async Task ClosedPort_UnreachableNamingTheAddress()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var nowhere = new PrometheusClient(new PrometheusClientOptions { Address = new Uri($"http://127.0.0.1:{port}") }, TimeProvider.System);
        var error = await Assert.ThrowsAsync<PrometheusException>(() => nowhere.QueryAsync("up", null, Ct));
        Assert.True(error.Unreachable);
        Assert.Equal($"Prometheus at http://127.0.0.1:{port} is unreachable (connection refused); check that Prometheus is running and --prometheus-addr", error.Message);
        Assert.Null(error.StatusCode);
        Assert.Null(error.ErrorType);
    }

    [Fact]
    public async Task SilentServer_UnreachableAfterTheTimeoutOnTheClientsClock()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var time = new FakeTimeProvider(Now);
        using var client = new PrometheusClient(new PrometheusClientOptions { Address = new Uri($"http://127.0.0.1:{port}"), RequestTimeout = TimeSpan.FromSeconds(5) }, time);

        var query = client.QueryAsync("up", null, Ct);
        using var accepted = await silent.AcceptTcpClientAsync(Ct);
        Assert.False(query.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<PrometheusException>(() => query);
        Assert.True(error.Unreachable);
        Assert.Equal($"Prometheus at http://127.0.0.1:{port} did not answer within 5 s", error.Message);
    }

    [Fact]
    public async Task CallersCancellation_StaysOperationCanceled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _prometheus.QueryAsync("up", null, cancelled.Token));
    }
}
