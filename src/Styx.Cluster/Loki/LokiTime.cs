using System.Globalization;

namespace Styx.Cluster.Loki;

/// <summary>Loki's time units (cluster-apis.md §2 Timestamps): nanoseconds for parameters and stream entries.</summary>
internal static class LokiTime
{
    public static long ToNanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    public static DateTimeOffset FromNanoseconds(long nanoseconds) => DateTimeOffset.UnixEpoch.AddTicks(nanoseconds / 100);

    /// <summary>A parameter value: integer nanoseconds, which Loki reads as such when longer than 10 digits (any date after 1970-01-01 00:00:10).</summary>
    public static string Parameter(DateTimeOffset time) => ToNanoseconds(time).ToString(CultureInfo.InvariantCulture);

    /// <summary>A duration parameter in float seconds, which Loki accepts for step.</summary>
    public static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
}
