namespace Styx.Cluster.Prometheus;

/// <summary>Where Prometheus is (DESIGN.md §2: the platform's Prometheus listens on 9090) and how long one request may take.</summary>
public sealed record PrometheusClientOptions
{
    public static readonly Uri DefaultAddress = new("http://127.0.0.1:9090");

    public Uri Address { get; init; } = DefaultAddress;

    /// <summary>
    /// How long one HTTP request may take, measured on the client's <see cref="TimeProvider"/>. A graph refresh that
    /// waits longer than this is better shown as "Prometheus unreachable" than as a frozen graph.
    /// </summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
