using System.Text;
using Styx.Cluster.Metrics;

namespace Styx.Cluster.Tests.Metrics;

/// <summary>The catalog as data: the built-in one, parsing a configured one, and filling placeholders.</summary>
public sealed class MetricCatalogTests
{
    [Fact]
    public void Default_EveryScopeHasQueries_CpuAndMemoryAreSparklines()
    {
        var catalog = MetricCatalog.Default();
        Assert.All(Enum.GetValues<MetricScope>(), scope => Assert.NotEmpty(catalog.For(scope)));
        Assert.All(catalog.Queries.Where(q => q.Name.EndsWith(".cpu", StringComparison.Ordinal) || q.Name.EndsWith(".memory", StringComparison.Ordinal) || q.Name.EndsWith(".memory.used", StringComparison.Ordinal)),
            q => Assert.True(q.Sparkline, q.Name));
        Assert.Equal(MetricUnit.Seconds, catalog.Find("SERVICE.LATENCY.P95")!.Unit);
    }

    [Fact]
    public void Default_TableQueriesOfNodesAndJobs_LeftOutOfOneSubjectsGraphs()
    {
        var catalog = MetricCatalog.Default();
        foreach (var name in new[] { "nodes.cpu", "nodes.memory", "jobs.cpu", "jobs.memory" })
        {
            var query = catalog.Find(name)!;
            Assert.True(query.Table && query.Sparkline, name);
            Assert.DoesNotContain("{{", query.PromQL, StringComparison.Ordinal);
            Assert.DoesNotContain(query, catalog.For(query.Scope));
        }

        Assert.Equal("sum by (exported_job, namespace) (nomad_client_allocs_memory_rss)", catalog.Find("jobs.memory")!.PromQL);
    }

    [Fact]
    public void Parse_TableQueryWithAPlaceholder_InvalidDataNamingIt()
    {
        var json = """[{ "name": "nodes.up", "title": "Up", "scope": "Node", "unit": "Count", "table": true, "promQL": "up{host=\"{{node}}\"}" }]""";
        var error = Assert.Throws<InvalidDataException>(() => MetricCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "test.json"));
        Assert.Contains("'nodes.up' is a table query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ValueWithQuoteBackslashAndNewline_EscapedInsideTheLiteral()
    {
        var catalog = MetricCatalog.Default();
        var promQL = catalog.Render(catalog.Find("node.memory.used")!, new MetricSubject(Node: "a\"} or vector(1) # \\ \n"));
        Assert.Equal("nomad_client_host_memory_used{host=\"a\\\"} or vector(1) # \\\\ \\n\"}", promQL);
    }

    [Fact]
    public void Render_NeededFieldMissing_ArgumentExceptionNamingIt()
    {
        var catalog = MetricCatalog.Default();
        var error = Assert.Throws<ArgumentException>(() => catalog.Render(catalog.Find("job.cpu")!, new MetricSubject(Job: "web")));
        Assert.Contains("namespace", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("up{job=~\"{{job}}\"}", "compared with = or !=")]
    [InlineData("up{job={{job}}}", "inside a double-quoted label value")]
    [InlineData("up{job='{{job}}'}", "inside a double-quoted label value")]
    [InlineData("up{job=\"{{jobb}}\"}", "unknown placeholder {{jobb}}")]
    [InlineData("up{job=\"{{job}}}", "not closed")]
    public void Parse_UnsafePlaceholder_InvalidDataNamingTheEntry(string promQL, string reason)
    {
        var json = $$"""[{ "name": "mine", "title": "Mine", "scope": "Job", "unit": "Count", "promQL": {{System.Text.Json.JsonSerializer.Serialize(promQL)}} }]""";
        var error = Assert.Throws<InvalidDataException>(() => MetricCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "styx-metrics.json"));
        Assert.StartsWith("styx-metrics.json: metric query 'mine': ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{ "name": "a", "title": "A", "unit": "Count", "promQL": "up" }]""", "metric queries are not valid JSON")]
    [InlineData("""[{ "name": "a", "title": "A", "scope": "Planet", "unit": "Count", "promQL": "up" }]""", "metric queries are not valid JSON")]
    [InlineData("""[{ "name": "a", "title": "A", "scope": "Job", "unit": "Count", "promQL": " " }]""", "metric query 'a' has no promQL")]
    [InlineData("""[{ "name": "a", "title": "A", "scope": "Job", "unit": "Count", "promQL": "up" }, { "name": "A", "title": "A", "scope": "Job", "unit": "Count", "promQL": "up" }]""", "'a' is listed more than once")]
    [InlineData("[]", "the metric query list is empty")]
    public void Parse_BadEntry_InvalidData(string json, string reason)
    {
        var error = Assert.Throws<InvalidDataException>(() => MetricCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "cfg.json"));
        Assert.StartsWith("cfg.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Configured_QueriesAsWritten()
    {
        var json = """[{ "name": "web.up", "title": "", "scope": "Service", "unit": "Count", "promQL": "up{service=\"{{service}}\"}", "sparkline": true }]""";
        var catalog = MetricCatalog.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)), "cfg.json");
        var query = Assert.Single(catalog.Queries);
        Assert.Equal(new MetricQuery("web.up", "web.up", MetricScope.Service, MetricUnit.Count, "up{service=\"{{service}}\"}", true), query);
        Assert.Equal("up{service=\"api\"}", catalog.Render(query, new MetricSubject(Service: "api")));
    }

    [Fact]
    public void Ranges_KeysOneToFive_AboutTwoHundredFortyPoints()
    {
        Assert.Equal(["15m", "1h", "6h", "24h", "7d"], MetricRange.All.Select(r => r.Name));
        Assert.Same(MetricRange.All[1], MetricRange.Default);
        Assert.All(MetricRange.All, r => Assert.InRange(r.Length / r.Step, 200, 250));
    }
}
