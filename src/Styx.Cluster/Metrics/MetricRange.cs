namespace Styx.Cluster.Metrics;

/// <summary>
/// A graph range of keys 1–5 (15m/1h/6h/24h/7d), each with a step giving about 240 points: one point per column of a
/// wide terminal's graph, and far under Prometheus's 11,000 points per series.
/// </summary>
public sealed record MetricRange(string Name, TimeSpan Length, TimeSpan Step)
{
    /// <summary>Index 0..4 = keys 1..5.</summary>
    public static IReadOnlyList<MetricRange> All { get; } =
    [
        new("15m", TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(4)),
        new("1h", TimeSpan.FromHours(1), TimeSpan.FromSeconds(15)),
        new("6h", TimeSpan.FromHours(6), TimeSpan.FromSeconds(90)),
        new("24h", TimeSpan.FromHours(24), TimeSpan.FromMinutes(6)),
        new("7d", TimeSpan.FromDays(7), TimeSpan.FromMinutes(42)),
    ];

    /// <summary>1h: long enough to see a trend, short enough that a fresh change is visible.</summary>
    public static MetricRange Default { get; } = All[1];
}
