namespace Styx.Cluster.Metrics;

/// <summary>
/// One catalog entry: a named PromQL text with <c>{{node}}</c>, <c>{{job}}</c>, <c>{{group}}</c>, <c>{{alloc}}</c>,
/// <c>{{namespace}}</c>, <c>{{service}}</c> placeholders, each inside a double-quoted label matcher value
/// (<see cref="MetricCatalog.Render"/> fills them as PromQL string literal text).
/// </summary>
/// <param name="Sparkline">Shown as a small sparkline in the list screens and details (CPU and memory).</param>
/// <param name="Table">Answers for every row of its scope at once (one series per node, per job), with no placeholders:
/// a table's sparkline column, or a detail screen picking its own row, reads it, so every session on the Nodes screen
/// or on any node's detail shares one upstream query. Graphs of one subject (<see cref="MetricCatalog.For"/>) leave
/// it out, as it would draw every node on one node's graph.</param>
public sealed record MetricQuery(string Name, string Title, MetricScope Scope, MetricUnit Unit, string PromQL, bool Sparkline = false, bool Table = false);
