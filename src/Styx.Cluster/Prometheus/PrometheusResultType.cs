namespace Styx.Cluster.Prometheus;

/// <summary>The four <c>resultType</c> values of Prometheus's query API (cluster-apis.md §3).</summary>
public static class PrometheusResultType
{
    public const string Vector = "vector";
    public const string Matrix = "matrix";
    public const string Scalar = "scalar";
    public const string String = "string";
}
