using Styx.Testing;

namespace Styx.Cluster.Tests.Support;

/// <summary>
/// One real Prometheus for a whole test class (an xunit class fixture), scraping itself and an
/// <see cref="ExpositionServer"/> (job <see cref="ExpositionJob"/>) whose series the tests set, every second.
/// </summary>
/// <remarks>
/// Another target (Styx.Demo's <c>/v1/metrics?format=prometheus</c>) goes into a fixture of its own that starts the
/// target first and then <c>PrometheusServer.StartAsync([new PrometheusScrapeTarget("demo", new Uri(demoAddress,
/// "/v1/metrics?format=prometheus"))])</c>; the server is ready once that target has been scraped too.
/// </remarks>
public sealed class PrometheusFixture : IAsyncLifetime
{
    public const string ExpositionJob = "exposition";

    public ExpositionServer Exposition { get; } = new();

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Prometheus = await PrometheusServer.StartAsync([new PrometheusScrapeTarget(ExpositionJob, Exposition.MetricsUrl)]);

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        await Exposition.DisposeAsync();
    }
}
