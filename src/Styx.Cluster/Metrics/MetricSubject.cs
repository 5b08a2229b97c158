namespace Styx.Cluster.Metrics;

/// <summary>What a graph is about; null fields are not filled.</summary>
public sealed record MetricSubject(string? Node = null, string? Job = null, string? Group = null, string? Allocation = null, string? Namespace = null, string? Service = null);
