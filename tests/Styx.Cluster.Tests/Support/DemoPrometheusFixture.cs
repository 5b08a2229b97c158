using Styx.Testing;

namespace Styx.Cluster.Tests.Support;

/// <summary>
/// One Styx.Demo and one real Prometheus scraping it for a whole test class: job <see cref="NomadJob"/> reads the
/// agents' <c>/v1/metrics?format=prometheus</c> and job <see cref="TraefikJob"/> Traefik's <c>/metrics</c>, both on
/// the demo's host, every second.
/// </summary>
public sealed class DemoPrometheusFixture : IAsyncLifetime
{
    public const string NomadJob = "nomad";
    public const string TraefikJob = "traefik";

    public DemoCluster Demo { get; private set; } = null!;

    public PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Demo = await DemoCluster.StartAsync();
        Prometheus = await PrometheusServer.StartAsync(
        [
            new PrometheusScrapeTarget(NomadJob, new Uri(Demo.Server.NomadAddress, "/v1/metrics?format=prometheus")),
            new PrometheusScrapeTarget(TraefikJob, new Uri(Demo.Server.NomadAddress, "/metrics")),
        ]);
    }

    public async Task DisposeAsync()
    {
        if (Prometheus is not null)
        {
            await Prometheus.DisposeAsync();
        }

        if (Demo is not null)
        {
            await Demo.DisposeAsync();
        }
    }
}
