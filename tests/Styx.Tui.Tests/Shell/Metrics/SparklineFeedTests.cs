using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Metrics;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Tests.Shell.Metrics;

/// <summary>The sparkline queries looked up by name in the catalog, including a configured catalog that lacks them.</summary>
public sealed class SparklineFeedTests
{
    [Fact]
    public async Task CatalogWithoutTheQuery_NotWatched_ProblemNamesIt()
    {
        // A metrics:catalog that replaced the defaults with nodes.memory only.
        var json = """[{ "name": "nodes.memory", "title": "Memory", "scope": "Node", "unit": "Bytes", "table": true, "promQL": "sum by (host) (nomad_client_host_memory_used)" }]""";
        var catalog = MetricCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json");
        await using var watches = new MetricWatches(null, TimeProvider.System, NullLoggerFactory.Instance);
        var changes = 0;

        using var feed = new SparklineFeed(["nodes.cpu", "nodes.memory"], catalog, watches, action => action(), () => changes++);

        Assert.Equal("the metric catalog has no query nodes.cpu", feed.Problem);
        Assert.Equal(["nodes.memory"], feed.Latest.Keys);
        Assert.Equal(1, changes);
    }

    [Fact]
    public async Task QueryWithAPlaceholder_NotWatched_ProblemNamesIt()
    {
        // node.cpu needs a node to fill {{node}}; a sparkline watch has no subject.
        await using var watches = new MetricWatches(null, TimeProvider.System, NullLoggerFactory.Instance);

        using var feed = new SparklineFeed(["node.cpu"], MetricCatalog.Default(), watches, action => action(), () => { });

        Assert.Equal("the metric catalog has no query node.cpu", feed.Problem);
        Assert.Empty(feed.Latest);
    }

    [Fact]
    public async Task DefaultCatalog_WithoutPrometheus_WatchedByName_ProblemIsTheOutage()
    {
        await using var watches = new MetricWatches(null, TimeProvider.System, NullLoggerFactory.Instance);

        using var feed = new SparklineFeed(["jobs.cpu", "jobs.memory"], MetricCatalog.Default(), watches, action => action(), () => { });

        Assert.Equal(["jobs.cpu", "jobs.memory"], feed.Latest.Keys.Order(StringComparer.Ordinal));
        Assert.NotNull(feed.Problem);
        Assert.DoesNotContain("has no query", feed.Problem, StringComparison.Ordinal);
    }
}
