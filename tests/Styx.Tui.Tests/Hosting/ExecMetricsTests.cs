using System.Globalization;
using System.Text.Json;
using Styx.Testing;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// <c>ssh HOST metrics PROMQL</c> through a real OpenSSH client against <c>--demo</c>, whose Prometheus is the demo's own
/// query API: <c>--json</c> is Prometheus's answer unchanged, a bad query is exit 2 with Prometheus's text, a range is
/// one line per series (with a sparkline on a pty).
/// </summary>
public sealed class ExecMetricsTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _styx = fixture.Server;

    /// <summary>The demo's Prometheus has samples from its first scrape interval on; until then every query is empty.</summary>
    private async Task ScrapedAsync()
    {
        using var http = new HttpClient { BaseAddress = _styx.Demo.PrometheusAddress };
        await Eventually.True(
            async ct =>
            {
                using var answer = JsonDocument.Parse(await http.GetStringAsync("/api/v1/query?query=" + Uri.EscapeDataString("count(up) + count(nomad_client_host_memory_used)"), ct));
                return answer.RootElement.GetProperty("data").GetProperty("result").GetArrayLength() > 0;
            },
            "the demo's Prometheus has a first scrape");
    }

    [Fact]
    public async Task Json_AtAFixedTime_PrometheusAnswerUnchanged()
    {
        await ScrapedAsync();
        // A fixed evaluation time, so the command's answer and a direct one are the same answer.
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var result = await _styx.AsAsync("viewer", $"metrics up --json --time {at}");
        Assert.True(result.ExitCode == 0, result.Stderr);

        using var http = new HttpClient { BaseAddress = _styx.Demo.PrometheusAddress };
        var direct = await http.GetStringAsync($"/api/v1/query?query=up&time={at}");
        Assert.Equal(direct.TrimEnd('\n') + "\n", result.Stdout);
        using var document = JsonDocument.Parse(result.Stdout);
        Assert.NotEqual(0, document.RootElement.GetProperty("data").GetProperty("result").GetArrayLength());
    }

    [Fact]
    public async Task BadQuery_ExitTwo_PrometheusText()
    {
        var result = await _styx.AsAsync("viewer", "metrics 'up{'");

        using var http = new HttpClient { BaseAddress = _styx.Demo.PrometheusAddress };
        using var response = await http.GetAsync("/api/v1/query?query=" + Uri.EscapeDataString("up{"));
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("bad_data", answer.RootElement.GetProperty("errorType").GetString());
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("metrics: " + answer.RootElement.GetProperty("error").GetString() + "\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Range_OneLinePerSeries_MinAvgMaxLast()
    {
        await ScrapedAsync();
        var result = await _styx.AsAsync("viewer", "metrics up --range 15m --step 1m");
        Assert.True(result.ExitCode == 0, result.Stderr);

        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(["SERIES", "MIN", "AVG", "MAX", "LAST"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var instant = await _styx.AsAsync("viewer", "metrics up --json");
        using var document = JsonDocument.Parse(instant.Stdout);
        Assert.Equal(document.RootElement.GetProperty("data").GetProperty("result").GetArrayLength(), lines.Length - 1);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("up{", line, StringComparison.Ordinal));
        Assert.DoesNotContain('▁', result.Stdout);
    }

    [Fact]
    public async Task Range_OnAPty_SparklinePerSeries()
    {
        await ScrapedAsync();
        var result = await _styx.SshAsync(_styx.KeyFiles["viewer"], "metrics sum(nomad_client_host_memory_used) --range 15m --step 30s", "-tt");
        Assert.True(result.ExitCode == 0, result.Stderr);

        var lines = result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        Assert.Equal("TREND", lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1]);
        var row = Assert.Single(lines.Skip(1));
        Assert.Matches("[▁▂▃▄▅▆▇█]", row);
    }

    [Fact]
    public async Task Instant_AlignedTableOfSeriesAndValues()
    {
        await ScrapedAsync();
        var result = await _styx.AsAsync("viewer", "metrics sum by (host) (nomad_client_host_memory_total)");
        Assert.True(result.ExitCode == 0, result.Stderr);

        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("SERIES", lines[0], StringComparison.Ordinal);
        var valueColumn = lines[0].IndexOf("VALUE", StringComparison.Ordinal);
        Assert.All(lines.Skip(1), line =>
        {
            Assert.StartsWith("{host=\"", line, StringComparison.Ordinal);
            Assert.True(double.TryParse(line[valueColumn..], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytes) && bytes > 0, line);
        });
    }

    [Fact]
    public async Task Usage_StepWithoutRange_ExitTwo()
    {
        var result = await _styx.AsAsync("viewer", "metrics up --step 30s");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("metrics: --step needs --range (an instant query has no step)\n", result.Stderr);
    }
}
