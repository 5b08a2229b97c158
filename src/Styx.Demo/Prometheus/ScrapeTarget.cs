namespace Styx.Demo.Prometheus;

/// <summary>
/// What the Styx plan's Prometheus scrapes: a job (scrape config) and an instance, its families, and whether it
/// answers (Prometheus's synthetic <c>up</c>).
/// </summary>
internal sealed record ScrapeTarget(string Job, string Instance, bool Up, DateTimeOffset Born, IReadOnlyList<MetricFamily> Families);
