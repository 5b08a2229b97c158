namespace Styx.Cluster.Metrics;

/// <summary>
/// One catalog entry: a named PromQL text with <c>{{node}}</c>, <c>{{job}}</c>, <c>{{group}}</c>, <c>{{alloc}}</c>,
/// <c>{{namespace}}</c>, <c>{{service}}</c> placeholders, each inside a double-quoted label matcher value
/// (<see cref="MetricCatalog.Render"/> fills them as PromQL string literal text).
/// </summary>
/// <param name="Sparkline">Shown as a small sparkline in the list screens and details (CPU and memory).</param>
public sealed record MetricQuery(string Name, string Title, MetricScope Scope, MetricUnit Unit, string PromQL, bool Sparkline = false);
