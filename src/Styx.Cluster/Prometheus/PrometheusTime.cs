using System.Globalization;

namespace Styx.Cluster.Prometheus;

/// <summary>Prometheus's parameter units (cluster-apis.md §3): times as unix seconds (a float is accepted), durations as float seconds.</summary>
internal static class PrometheusTime
{
    /// <summary>Unix seconds with millisecond precision, which is all Prometheus keeps.</summary>
    public static string Parameter(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000m).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A step in float seconds (<c>step=15</c> and <c>step=0.5</c> are both accepted; cluster-apis.md §3).</summary>
    public static string Seconds(TimeSpan duration) =>
        ((decimal)duration.TotalMilliseconds / 1000m).ToString("0.###", CultureInfo.InvariantCulture);
}
