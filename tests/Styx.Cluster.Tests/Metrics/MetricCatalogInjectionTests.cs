using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Metrics;

/// <summary>
/// Placeholders cannot inject PromQL: against a real Prometheus scraping allocations of a job named
/// <c>a"} or vector(1) #</c>, of one with a backslash and a line break, and of an ordinary one, each job's rendered
/// query returns exactly that job's series.
/// </summary>
public sealed class MetricCatalogInjectionTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>, IDisposable
{
    private const string Hostile = "a\"} or vector(1) #";
    private const string Backslashed = "b\\c\nd";

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private readonly PrometheusClient _prometheus = new(new PrometheusClientOptions { Address = fixture.Prometheus.Address }, TimeProvider.System);

    public void Dispose()
    {
        _prometheus.Dispose();
        _timeout.Dispose();
    }

    [Theory]
    [InlineData(Hostile)]
    [InlineData(Backslashed)]
    [InlineData("web")]
    public async Task JobQuery_RenderedForAnyName_MatchesThatJobOnly(string job)
    {
        // Exposition format escapes \, " and newline in label values the same way PromQL literals do.
        static string Exposed(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        fixture.Exposition.Text = string.Concat(new[] { Hostile, Backslashed, "web" }.Select((j, i) =>
            $"nomad_client_allocs_cpu_total_percent{{alloc_id=\"alloc-{i}\",job=\"{Exposed(j)}\",namespace=\"default\",task=\"t\",task_group=\"g\"}} {i + 1}\n"));
        await Eventually.True(
            async ct => (await _prometheus.QueryAsync("nomad_client_allocs_cpu_total_percent", null, ct)).Series.Count == 3,
            "Prometheus scraped the three jobs' series");

        var catalog = MetricCatalog.Default();
        var promQL = catalog.Render(catalog.Find("job.cpu")!, new MetricSubject(Job: job, Namespace: "default"));
        var result = await _prometheus.QueryAsync(promQL, null, _timeout.Token);

        var series = Assert.Single(result.Series);
        Assert.Equal(job, series.Metric["exported_job"]);
    }
}
