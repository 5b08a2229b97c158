using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Metrics;

/// <summary>
/// Every query of the built-in catalog, rendered for a node, job, group, allocation and service of Styx.Demo, against a
/// real Prometheus scraping the demo's Nomad and Traefik expositions: each returns the demo's series with finite values
/// (a table query, one series per node or job, among them the subject's row).
/// </summary>
public sealed class MetricCatalogDemoTests(DemoPrometheusFixture fixture) : IClassFixture<DemoPrometheusFixture>, IDisposable
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(90));
    private readonly PrometheusClient _prometheus = new(new PrometheusClientOptions { Address = fixture.Prometheus.Address }, TimeProvider.System);

    public static TheoryData<string> QueryNames => [.. MetricCatalog.Default().Queries.Select(q => q.Name)];

    public void Dispose()
    {
        _prometheus.Dispose();
        _timeout.Dispose();
    }

    [Theory]
    [MemberData(nameof(QueryNames))]
    public async Task DefaultQuery_RenderedForTheDemo_ReturnsItsSeriesWithFiniteValues(string name)
    {
        var catalog = MetricCatalog.Default();
        var query = catalog.Find(name)!;
        var subject = await DemoSubjectAsync(_timeout.Token);
        var promQL = catalog.Render(query, subject);
        Assert.DoesNotContain("{{", promQL, StringComparison.Ordinal);

        // rate() needs two scrapes in its window, so wait for Prometheus rather than for a time.
        PrometheusResult? result = null;
        await Eventually.True(
            async ct =>
            {
                result = await _prometheus.QueryAsync(promQL, null, ct);
                return result.Series.Count > 0 && result.Series.All(s => s.Samples.Count > 0 && s.Samples.All(p => double.IsFinite(p.Value)));
            },
            $"{name} ({promQL}) returns a series with finite values");

        var labels = result!.Series.SelectMany(s => s.Metric).ToList();
        if (query.Table)
        {
            // A table query answers for every row; the subject's own row must be among them, keyed as the screens key it.
            Assert.Contains(result.Series, s => query.Scope == MetricScope.Node
                ? s.Metric.GetValueOrDefault("host") == subject.Node
                : s.Metric.GetValueOrDefault("exported_job") == subject.Job && s.Metric.GetValueOrDefault("namespace") == subject.Namespace);
            return;
        }

        switch (query.Scope)
        {
            case MetricScope.Node:
                Assert.All(result.Series, s => Assert.Equal(subject.Node, s.Metric["host"]));
                break;
            case MetricScope.Job:
                Assert.All(result.Series, s => Assert.Equal(subject.Job, s.Metric["exported_job"]));
                break;
            case MetricScope.Service:
                Assert.All(result.Series, s => Assert.Equal(subject.Service + "@nomad", s.Metric["service"]));
                break;
            case MetricScope.Allocation:
                Assert.Contains(labels, l => l.Key == "task");
                break;
            case MetricScope.Group:
                Assert.Contains(result.Series, s => s.Metric["alloc_id"] == subject.Allocation);
                break;
        }
    }

    [Fact]
    public async Task RangeQuery_NodeCpuOverFifteenMinutes_AMatrixOfTheNode()
    {
        var catalog = MetricCatalog.Default();
        var subject = await DemoSubjectAsync(_timeout.Token);
        var promQL = catalog.Render(catalog.Find("node.cpu")!, subject);
        var end = TimeProvider.System.GetUtcNow();
        var range = MetricRange.All[0];
        await Eventually.True(
            async ct => (await _prometheus.QueryRangeAsync(promQL, end - range.Length, end, range.Step, ct)).Series.Count == 1,
            "a node CPU matrix");
    }

    [Fact]
    public async Task BadQuery_PrometheusBadDataText()
    {
        var error = await Assert.ThrowsAsync<PrometheusException>(() => _prometheus.QueryAsync("sum(nomad_client_host_memory_used", null, _timeout.Token));
        Assert.Equal("bad_data", error.ErrorType);
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("invalid parameter \"query\": ", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A running web allocation of the demo, its node, group and namespace, and the web service.</summary>
    private async Task<MetricSubject> DemoSubjectAsync(CancellationToken ct)
    {
        var allocations = (await fixture.Demo.Admin.Api.GetAllocationsAsync(Namespace.All, null, null, null, null, ct)).Body();
        var web = allocations.First(a => a.JobID == "web" && a.Namespace == "default" && a.ClientStatus == "running");
        // Group: the group's series are per allocation, and this one must be among them.
        return new MetricSubject(Node: web.NodeName, Job: web.JobID, Group: web.TaskGroup, Allocation: web.ID, Namespace: web.Namespace, Service: "web");
    }
}
