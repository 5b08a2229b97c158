using Styx.Cluster.Prometheus;
using Terminal.Gui.Text;

namespace Styx.Tui.Shell.Metrics;

/// <summary>What a chart shows and how its labels read.</summary>
/// <param name="Start">The left edge of the time axis.</param>
/// <param name="End">The right edge (now, for a live graph).</param>
/// <param name="Step">The query's step: samples further apart than 1.5 steps are a gap, not a line.</param>
/// <param name="FormatValue">A value with its unit, for the y axis and the legend (e.g. 1.5 GiB).</param>
/// <param name="FormatTime">A time for the x axis and the cursor (session time zone).</param>
/// <param name="Cursor">The cursor's plot column, or null: the legend then reads the latest values.</param>
internal sealed record ChartFrame(
    DateTimeOffset Start,
    DateTimeOffset End,
    TimeSpan Step,
    Func<double, string> FormatValue,
    Func<DateTimeOffset, string> FormatTime,
    int? Cursor = null);

/// <summary>
/// Draws a line chart of several series into W×H cells: a legend line (each series' mark, label and value at the
/// cursor or the latest), the plot with y-axis labels, and a line of time labels. Series are drawn in
/// <see cref="SeriesLook"/> order, so each has its own shape; NaN, ±Inf and missing steps are gaps. Pure.
/// </summary>
internal static class LineChart
{
    /// <summary>The fewest rows a chart draws in: legend, two plot rows, time labels.</summary>
    public const int MinHeight = 4;

    /// <summary>Rows around the plot: the legend above and the time labels below.</summary>
    private const int Frame = 2;

    /// <summary>How long a legend label may be before it is cut (several must fit one line at 80 columns).</summary>
    private const int LabelCells = 28;

    public static ChartPicture Draw(IReadOnlyList<ChartSeries> series, ChartFrame frame, int width, int height)
    {
        var picture = new ChartPicture(width, height);
        if (width < 12 || height < MinHeight)
        {
            return picture;
        }

        var plotRows = height - Frame;
        var (low, high, any) = Bounds(series, frame);
        var ticks = TickRows(plotRows);
        var labels = ticks.Select(row => frame.FormatValue(ValueAt(row, plotRows, low, high))).ToList();
        var labelWidth = Math.Min(width / 3, labels.Max(l => l.GetColumns()));
        var left = labelWidth + 1;
        var plotColumns = width - left;
        var cursor = frame.Cursor is { } c ? Math.Clamp(c, 0, plotColumns - 1) : (int?)null;

        for (var row = 0; row < plotRows; row++)
        {
            var tick = ticks.IndexOf(row);
            if (tick >= 0)
            {
                var label = Cut(labels[tick], labelWidth);
                picture.Write(labelWidth - label.GetColumns(), 1 + row, label, ChartInk.Label);
            }

            picture.Write(labelWidth, 1 + row, tick >= 0 ? "┤" : "│", ChartInk.Axis);
        }

        if (any)
        {
            var grid = new DotGrid(plotColumns, plotRows);
            for (var s = 0; s < series.Count; s++)
            {
                Plot(grid, s, SeriesLook.Of(s).Style, series[s].Samples, frame, low, high);
            }

            for (var x = 0; x < plotColumns; x++)
            {
                for (var y = 0; y < plotRows; y++)
                {
                    if (grid.Owner(x, y) is var owner and >= 0)
                    {
                        var look = SeriesLook.Of(owner);
                        picture.Set(left + x, 1 + y, new ChartCell(grid.Glyph(x, y, look.Style, look.Marker), owner));
                    }
                }
            }
        }
        else
        {
            picture.Write(left + Math.Max(0, (plotColumns - 7) / 2), 1 + (plotRows / 2), "no data", ChartInk.Note);
        }

        if (cursor is { } at)
        {
            for (var y = 1; y <= plotRows; y++)
            {
                var cell = picture[left + at, y];
                picture.Set(left + at, y, cell.Glyph == " " ? new ChartCell("┊", ChartInk.Axis, true) : cell with { Cursor = true });
            }
        }

        TimeLabels(picture, frame, labelWidth, plotColumns, height - 1);
        Legend(picture, series, frame, cursor is { } column ? TimeAt(column, plotColumns, frame) : null, width);
        return picture;
    }

    /// <summary>The time at the middle of plot column <paramref name="column"/>.</summary>
    public static DateTimeOffset TimeAt(int column, int plotColumns, ChartFrame frame) =>
        frame.Start + ((frame.End - frame.Start) * ((column + 0.5) / Math.Max(1, plotColumns)));

    /// <summary>How many plot columns a chart <paramref name="width"/> wide has, given its y labels (for the cursor's bounds).</summary>
    public static int PlotColumns(IReadOnlyList<ChartSeries> series, ChartFrame frame, int width, int height)
    {
        var (low, high, _) = Bounds(series, frame);
        var plotRows = Math.Max(2, height - Frame);
        var labelWidth = Math.Min(width / 3, TickRows(plotRows).Max(row => frame.FormatValue(ValueAt(row, plotRows, low, high)).GetColumns()));
        return Math.Max(1, width - labelWidth - 1);
    }

    /// <summary>The value of the sample nearest <paramref name="time"/> within a step (or a plot column), or null where there is none.</summary>
    public static double? ValueNear(IReadOnlyList<PrometheusSample> samples, DateTimeOffset time, TimeSpan tolerance)
    {
        PrometheusSample? best = null;
        var bestDistance = TimeSpan.MaxValue;
        foreach (var sample in samples)
        {
            var distance = (sample.Time - time).Duration();
            if (distance < bestDistance)
            {
                best = sample;
                bestDistance = distance;
            }
        }

        return best is { } found && bestDistance <= tolerance ? found.Value : null;
    }

    private static void Plot(DotGrid grid, int series, DotStyle style, IReadOnlyList<PrometheusSample> samples, ChartFrame frame, double low, double high)
    {
        var across = grid.Width * DotGrid.DotsAcross(style);
        var down = grid.Height * DotGrid.DotsDown(style);
        var span = (frame.End - frame.Start).TotalSeconds;
        var gap = frame.Step.TotalSeconds * 1.5;
        (int X, int Y)? previous = null;
        DateTimeOffset previousTime = default;
        foreach (var sample in samples)
        {
            if (!double.IsFinite(sample.Value) || sample.Time < frame.Start || sample.Time > frame.End)
            {
                previous = null;
                continue;
            }

            var x = (int)Math.Round((sample.Time - frame.Start).TotalSeconds / span * (across - 1));
            var y = (int)Math.Round((1 - ((sample.Value - low) / (high - low))) * (down - 1));
            y = Math.Clamp(y, 0, down - 1);
            if (previous is { } from && (sample.Time - previousTime).TotalSeconds <= gap)
            {
                Segment(grid, series, style, from, (x, y));
            }
            else
            {
                grid.Set(series, style, x, y);
            }

            previous = (x, y);
            previousTime = sample.Time;
        }
    }

    /// <summary>A line of dots from one sample to the next, each column joined to the next so a steep climb stays unbroken.</summary>
    private static void Segment(DotGrid grid, int series, DotStyle style, (int X, int Y) from, (int X, int Y) to)
    {
        if (to.X <= from.X)
        {
            Column(grid, series, style, to.X, from.Y, to.Y);
            return;
        }

        double YAt(int x) => from.Y + ((to.Y - from.Y) * (double)(x - from.X) / (to.X - from.X));
        for (var x = from.X; x < to.X; x++)
        {
            var here = (int)Math.Round(YAt(x));
            var next = (int)Math.Round(YAt(x + 1));
            // This column reaches to just short of the next one's dot, which the next column sets.
            Column(grid, series, style, x, here, next == here ? here : next - Math.Sign(next - here));
        }

        grid.Set(series, style, to.X, to.Y);
    }

    private static void Column(DotGrid grid, int series, DotStyle style, int x, int y1, int y2)
    {
        for (var y = Math.Min(y1, y2); y <= Math.Max(y1, y2); y++)
        {
            grid.Set(series, style, x, y);
        }
    }

    /// <summary>The value range shown: from zero (or the lowest value when it is negative) to a round number above the highest.</summary>
    private static (double Low, double High, bool Any) Bounds(IReadOnlyList<ChartSeries> series, ChartFrame frame)
    {
        var low = double.PositiveInfinity;
        var high = double.NegativeInfinity;
        foreach (var sample in series.SelectMany(s => s.Samples))
        {
            if (double.IsFinite(sample.Value) && sample.Time >= frame.Start && sample.Time <= frame.End)
            {
                low = Math.Min(low, sample.Value);
                high = Math.Max(high, sample.Value);
            }
        }

        if (double.IsInfinity(low))
        {
            return (0, 1, false);
        }

        low = low >= 0 ? 0 : -Round(-low);
        high = high <= 0 ? 0 : Round(high);
        return (low, high > low ? high : low + 1, true);
    }

    /// <summary>The round number (1, 2, 2.5, 5 × a power of ten) at or above <paramref name="value"/>.</summary>
    private static double Round(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var m in (double[])[1, 2, 2.5, 5, 10])
        {
            if (m * magnitude >= value * 0.999999)
            {
                return m * magnitude;
            }
        }

        return 10 * magnitude;
    }

    /// <summary>Plot rows that get a y label: the top, the bottom, and about every fourth between.</summary>
    private static List<int> TickRows(int plotRows)
    {
        var count = Math.Max(2, (plotRows / 4) + 1);
        return [.. Enumerable.Range(0, count).Select(i => (int)Math.Round(i * (plotRows - 1) / (double)(count - 1))).Distinct()];
    }

    private static double ValueAt(int row, int plotRows, double low, double high) =>
        high - ((high - low) * row / Math.Max(1, plotRows - 1));

    private static void TimeLabels(ChartPicture picture, ChartFrame frame, int labelWidth, int plotColumns, int y)
    {
        picture.Write(labelWidth, y, "└", ChartInk.Axis);
        var sample = frame.FormatTime(frame.Start);
        var room = sample.GetColumns() + 3;
        var count = Math.Max(1, plotColumns / room);
        for (var i = 0; i <= count; i++)
        {
            // Evenly spaced ticks from the left edge to the right (now); each label centred on its tick, kept inside.
            var tick = (int)Math.Round(i * (plotColumns - 1) / (double)count);
            var time = frame.Start + ((frame.End - frame.Start) * (tick / (double)Math.Max(1, plotColumns - 1)));
            var column = Math.Clamp(tick - (sample.GetColumns() / 2), 0, Math.Max(0, plotColumns - sample.GetColumns()));
            picture.Write(labelWidth + 1 + column, y, frame.FormatTime(time), ChartInk.Label);
        }
    }

    /// <summary>Each series' mark, label and value (at the cursor, else the latest), as many as fit, then how many did not.</summary>
    private static void Legend(ChartPicture picture, IReadOnlyList<ChartSeries> series, ChartFrame frame, DateTimeOffset? at, int width)
    {
        var x = 0;
        if (at is { } time)
        {
            var when = "@" + frame.FormatTime(time) + " ";
            picture.Write(0, 0, when, ChartInk.Label);
            x = when.GetColumns();
        }

        var tolerance = TimeSpan.FromTicks(Math.Max(frame.Step.Ticks, (frame.End - frame.Start).Ticks / Math.Max(1, picture.Width)));
        for (var s = 0; s < series.Count; s++)
        {
            var samples = series[s].Samples;
            var value = at is { } t ? ValueNear(samples, t, tolerance) : samples.Count > 0 ? samples[^1].Value : null;
            var look = SeriesLook.Of(s);
            var entry = $"{look.LegendMark} {Cut(series[s].Label, LabelCells)} {(value is { } v && double.IsFinite(v) ? frame.FormatValue(v) : value is { } odd ? Special(odd) : "–")}";
            var rest = $" +{series.Count - s} more";
            var reserve = s < series.Count - 1 ? rest.GetColumns() + 1 : 0;
            if (s > 0 && x + entry.GetColumns() + reserve > width)
            {
                picture.Write(Math.Max(0, Math.Min(x - 2, width - rest.GetColumns())), 0, rest, ChartInk.Note);
                return;
            }

            picture.Write(x, 0, entry, s);
            x += entry.GetColumns() + 2;
        }
    }

    private static string Special(double value) => double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    /// <summary><paramref name="text"/> cut to <paramref name="cells"/> columns, ending in … when cut.</summary>
    public static string Cut(string text, int cells)
    {
        if (text.GetColumns() <= cells)
        {
            return text;
        }

        var cut = new System.Text.StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Math.Max(0, rune.GetColumns());
            if (used + w > cells - 1)
            {
                break;
            }

            cut.Append(rune.ToString());
            used += w;
        }

        return cut.Append('…').ToString();
    }
}
