using Styx.Cluster.Prometheus;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// A series as a row of eighth blocks (<c>▁▂▃▄▅▆▇█</c>) for a table cell: each cell the last finite value of its
/// stretch of time, scaled from zero (or the lowest value, when negative) to the highest. A stretch with no value is
/// a space, so a gap shows as one.
/// </summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    /// <summary>The missing value: no Prometheus, or no series for this row.</summary>
    public const string None = "–";

    /// <summary><paramref name="cells"/> characters for the samples between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public static string Of(IReadOnlyList<PrometheusSample> samples, DateTimeOffset start, DateTimeOffset end, int cells)
    {
        if (cells <= 0 || end <= start)
        {
            return "";
        }

        var values = new double[cells];
        Array.Fill(values, double.NaN);
        var span = (end - start).Ticks;
        foreach (var sample in samples)
        {
            if (sample.Time < start || sample.Time > end || !double.IsFinite(sample.Value))
            {
                continue;
            }

            var cell = (int)Math.Min(cells - 1, (sample.Time - start).Ticks * cells / span);
            values[cell] = sample.Value;
        }

        return Of(values);
    }

    /// <summary>One character per value; NaN and ±Inf are spaces.</summary>
    public static string Of(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return new string(' ', values.Count);
        }

        var low = Math.Min(0, finite.Min());
        var high = finite.Max();
        var chars = new char[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            chars[i] = !double.IsFinite(value) ? ' '
                : high <= low ? Blocks[0]
                : Blocks[(int)Math.Round((value - low) / (high - low) * (Blocks.Length - 1))];
        }

        return new string(chars);
    }
}
