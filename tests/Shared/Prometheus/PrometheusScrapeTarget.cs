namespace Styx.Testing;

/// <summary>
/// One scrape job for <see cref="PrometheusServer"/>: Prometheus's <c>job</c> label and the URL it scrapes, path and
/// query included (Styx.Demo's <c>http://127.0.0.1:PORT/v1/metrics?format=prometheus</c>, as Nomad's own agent
/// serves it; cluster-apis.md §4.1).
/// </summary>
public sealed record PrometheusScrapeTarget(string Job, Uri Url);
