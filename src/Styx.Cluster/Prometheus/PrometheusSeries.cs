namespace Styx.Cluster.Prometheus;

/// <summary>
/// One series of a <c>vector</c> (one sample) or <c>matrix</c> (its samples in time order; a series starts where its
/// data starts, so series of one answer can have different lengths). <see cref="Metric"/> is Prometheus's label set,
/// <c>__name__</c> included when the expression kept it, and empty for e.g. <c>sum(…)</c>.
/// </summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Metric, IReadOnlyList<PrometheusSample> Samples);
