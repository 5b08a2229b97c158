namespace Styx.Cluster.Metrics;

/// <summary>What a catalog query is about: the selection a graph is drawn for.</summary>
public enum MetricScope
{
    Cluster,
    Node,
    Job,
    Group,
    Allocation,
    Service,
}
