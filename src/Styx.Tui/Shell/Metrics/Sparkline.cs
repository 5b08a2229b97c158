using Styx.Cluster.Prometheus;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// A series as a row of eighth blocks (<c>▁▂▃▄▅▆▇█</c>). In a table cell (<see cref="Of(IReadOnlyList{PrometheusSample}, DateTimeOffset, DateTimeOffset, int)"/>)
/// each cell is the last finite value of its stretch of time, scaled from zero (or the lowest value, when negative) to
/// the highest, so rows compare; a stretch with no value is a space, so a gap shows as one. As the trend of one-shot
/// output (<see cref="Trend"/>) it spans the series' own minimum to maximum, to show which way it goes.
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

    /// <summary>
    /// At most <paramref name="maxWidth"/> characters from the series' own minimum to its maximum: long series are cut
    /// into equal runs of points, each drawn at its mean; a run with no finite value (NaN, ±Inf, a gap) is a space.
    /// </summary>
    public static string Trend(IReadOnlyList<double> values, int maxWidth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        if (values.Count == 0)
        {
            return "";
        }

        var width = Math.Min(values.Count, maxWidth);
        var columns = new double[width];
        for (var column = 0; column < width; column++)
        {
            var from = column * values.Count / width;
            var to = (column + 1) * values.Count / width;
            var finite = values.Skip(from).Take(to - from).Where(double.IsFinite).ToList();
            columns[column] = finite.Count > 0 ? finite.Average() : double.NaN;
        }

        var drawn = columns.Where(double.IsFinite).ToList();
        if (drawn.Count == 0)
        {
            return new string(' ', width);
        }

        var low = drawn.Min();
        var span = drawn.Max() - low;
        return string.Concat(columns.Select(v => !double.IsFinite(v) ? ' '
            // A flat series sits in the middle rather than on the floor, so it does not read as zero.
            : span == 0 ? Blocks[Blocks.Length / 2 - 1]
            : Blocks[(int)Math.Round((v - low) / span * (Blocks.Length - 1))]));
    }
}
