namespace Styx.Tui.Commands;

/// <summary>
/// A series as a row of block characters <c>▁▂▃▄▅▆▇█</c>, scaled from its own minimum to its maximum, for one-shot
/// output on a terminal. Long series are cut into equal runs of points, each drawn at its mean; a run with no finite
/// value (NaN, ±Inf, a gap) is a space.
/// </summary>
internal static class Sparkline
{
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Of(IReadOnlyList<double> values, int maxWidth)
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
