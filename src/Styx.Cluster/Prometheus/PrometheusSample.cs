namespace Styx.Cluster.Prometheus;

/// <summary>
/// One point: Prometheus sends <c>[&lt;unix seconds, millisecond precision&gt;, "&lt;value&gt;"]</c> (cluster-apis.md
/// §3). <see cref="Value"/> may be <see cref="double.NaN"/> or ±<see cref="double.PositiveInfinity"/>: Prometheus spells
/// them <c>"NaN"</c>, <c>"+Inf"</c> and <c>"-Inf"</c> (seen from a real 2.42 for <c>0/0</c>, <c>1/0</c>, <c>-1/0</c>).
/// </summary>
/// <remarks>
/// Stale markers never reach this type. Prometheus stores staleness as a NaN with a reserved bit pattern (written when a
/// series disappears from a scrape or its target fails), and the query engine drops those points: a stale series simply
/// has no more samples in a range result and is absent from an instant result. A plain <c>"NaN"</c> in an answer is a
/// computed NaN (e.g. <c>0/0</c>), never a stale marker. Verified against Prometheus 2.42 in
/// <c>PrometheusClientTests.QueryRange_TargetDropsSeries_SeriesEndsWithoutAStaleSample</c>.
/// </remarks>
public sealed record PrometheusSample(DateTimeOffset Time, double Value);
