using System.Globalization;
using Styx.Cluster.Metrics;

namespace Styx.Tui.Shell.Metrics;

/// <summary>A metric value with its unit, short enough for an axis label or a table cell: 1.5 GiB, 42%, 12/s, 250ms.</summary>
internal static class UnitText
{
    private static readonly string[] ByteUnits = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    private static readonly string[] Thousands = ["", "k", "M", "G", "T"];

    public static string Format(MetricUnit unit, double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        return unit switch
        {
            MetricUnit.Bytes => Scaled(value, 1024, ByteUnits, " "),
            MetricUnit.Percent => Number(value) + "%",
            MetricUnit.PerSecond => Scaled(value, 1000, Thousands, "") + "/s",
            MetricUnit.Seconds => Seconds(value),
            _ => Scaled(value, 1000, Thousands, ""),
        };
    }

    private static string Seconds(double value) => Math.Abs(value) switch
    {
        0 => "0s",
        < 1e-3 => Number(value * 1e6) + "µs",
        < 1 => Number(value * 1e3) + "ms",
        < 120 => Number(value) + "s",
        < 7200 => Number(value / 60) + "m",
        _ => Number(value / 3600) + "h",
    };

    private static string Scaled(double value, double factor, string[] units, string space)
    {
        var index = 0;
        var scaled = value;
        while (Math.Abs(scaled) >= factor && index < units.Length - 1)
        {
            scaled /= factor;
            index++;
        }

        return Number(scaled) + (units[index].Length > 0 ? space + units[index] : "");
    }

    /// <summary>Three significant figures at most: 1.25, 12.5, 125.</summary>
    private static string Number(double value) => Math.Abs(value) switch
    {
        >= 100 => value.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => value.ToString("0.#", CultureInfo.InvariantCulture),
        _ => value.ToString("0.##", CultureInfo.InvariantCulture),
    };
}
