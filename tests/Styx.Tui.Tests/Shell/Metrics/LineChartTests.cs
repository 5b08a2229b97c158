using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Tests.Shell.Metrics;

public sealed class LineChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static ChartFrame Frame(int? cursor = null) =>
        new(Start, Start.AddMinutes(60), TimeSpan.FromMinutes(1), v => UnitText.Format(MetricUnit.Percent, v), t => t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), cursor);

    private static List<PrometheusSample> Ramp(Func<int, double> value) =>
        [.. Enumerable.Range(0, 61).Select(i => new PrometheusSample(Start.AddMinutes(i), value(i)))];

    private static bool IsBraille(char c) => c is > '\u2800' and <= '\u28FF';

    [Theory]
    [InlineData(80, 24)]
    [InlineData(200, 60)]
    public void TwoSeries_BrailleAndQuadrants_LegendAxesAndTimeLabels(int width, int height)
    {
        var picture = LineChart.Draw([new ChartSeries("mac-1", Ramp(i => i)), new ChartSeries("mac-2", Ramp(i => 60 - i))], Frame(), width, height);
        var lines = Enumerable.Range(0, picture.Height).Select(picture.Line).ToList();
        Assert.All(lines, l => Assert.Equal(width, l.Length));
        Assert.StartsWith("⣿ mac-1 60%  ▚ mac-2 0%", lines[0], StringComparison.Ordinal);
        var plot = string.Concat(lines.Skip(1).Take(height - 2));
        Assert.Contains(plot, IsBraille);
        Assert.Contains(plot, c => "▘▝▀▖▌▞▛▗▚▐▜▄▙▟█".Contains(c));
        // The axis tops out at the round number above the highest value.
        Assert.Contains("100%┤", lines[1], StringComparison.Ordinal);
        Assert.Contains("0%┤", lines[height - 2], StringComparison.Ordinal);
        Assert.Contains("└12:00", lines[^1], StringComparison.Ordinal);
        Assert.EndsWith("13:00", lines[^1].TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rising_Series_GoesFromBottomLeftToTopRight()
    {
        var picture = LineChart.Draw([new ChartSeries("up", Ramp(i => i * 100.0 / 60))], Frame(), 40, 10);
        var left = picture.Line(1).IndexOf('┤') + 1;
        Assert.True(IsBraille(picture.Line(8)[left]), picture.Line(8));
        Assert.True(IsBraille(picture.Line(1)[^1]), picture.Line(1));
        Assert.False(IsBraille(picture.Line(1)[left]));
    }

    [Fact]
    public void NaN_AndMissingSteps_AreGaps()
    {
        var samples = Ramp(_ => 50).Select(s => s.Time.Minute is >= 20 and < 40 ? s with { Value = double.NaN } : s).ToList();
        var withNaN = LineChart.Draw([new ChartSeries("a", samples)], Frame(), 62, 6);
        var missing = LineChart.Draw([new ChartSeries("a", [.. Ramp(_ => 50).Where(s => s.Time.Minute is < 20 or >= 40)])], Frame(), 62, 6);
        foreach (var picture in new[] { withNaN, missing })
        {
            var row = Enumerable.Range(1, 4).Select(picture.Line).Single(l => l.Any(IsBraille));
            var left = row.IndexOf('┤') >= 0 ? row.IndexOf('┤') : row.IndexOf('│');
            var middle = row[(left + 1 + 24)..(left + 1 + 36)];
            Assert.True(middle.Trim().Length == 0, "a gap in the middle: " + row);
        }
    }

    [Fact]
    public void NoData_SaysSo()
    {
        var picture = LineChart.Draw([new ChartSeries("a", [])], Frame(), 40, 8);
        Assert.Contains(Enumerable.Range(0, 8).Select(picture.Line), l => l.Contains("no data", StringComparison.Ordinal));
    }

    [Fact]
    public void Cursor_ReadsOutValuesAtItsTime_AndMarksTheColumn()
    {
        var picture = LineChart.Draw([new ChartSeries("a", Ramp(i => i))], Frame(cursor: 0), 64, 8);
        Assert.StartsWith("@12:00 ⣿ a 1%", picture.Line(0), StringComparison.Ordinal);
        Assert.Contains(Enumerable.Range(1, 6), y => Enumerable.Range(0, 64).Any(x => picture[x, y].Cursor));
    }

    [Fact]
    public void Legend_ManySeries_EndsWithHowManyMore()
    {
        var series = Enumerable.Range(0, 12).Select(i => new ChartSeries("series-number-" + i, Ramp(_ => i))).ToList();
        var line = LineChart.Draw(series, Frame(), 80, 8).Line(0);
        Assert.Matches(@"\+\d+ more", line);
        Assert.Contains("× series-number-2", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MetricUnit.Bytes, 1536.0 * 1024 * 1024, "1.5 GiB")]
    [InlineData(MetricUnit.Bytes, 512, "512 B")]
    [InlineData(MetricUnit.Bytes, 2048, "2 KiB")]
    [InlineData(MetricUnit.Percent, 42.25, "42.3%")]
    [InlineData(MetricUnit.PerSecond, 1200, "1.2k/s")]
    [InlineData(MetricUnit.Seconds, 0.25, "250ms")]
    [InlineData(MetricUnit.Seconds, 1.5, "1.5s")]
    [InlineData(MetricUnit.Count, 3, "3")]
    [InlineData(MetricUnit.Count, double.NaN, "NaN")]
    public void UnitText_Formats(MetricUnit unit, double value, string expected) => Assert.Equal(expected, UnitText.Format(unit, value));

    [Fact]
    public void Sparkline_EighthBlocks_GapsAsSpaces()
    {
        Assert.Equal("▁▄▅█ ▁", Sparkline.Of([0, 3, 5, 8, double.NaN, 0]));
        var line = Sparkline.Of(Ramp(i => i), Start, Start.AddMinutes(60), 8);
        Assert.Equal(8, line.Length);
        Assert.Equal('█', line[^1]);
        Assert.Equal(new string(' ', 4), Sparkline.Of([double.NaN, double.NaN, double.PositiveInfinity, double.NaN]));
    }

    [Fact]
    public void SeriesLabels_VaryingLabelOnly_MadeVisible()
    {
        var labels = SeriesLabels.Of(
            [new Dictionary<string, string> { ["host"] = "mac-1", ["job"] = "nomad" }, new Dictionary<string, string> { ["host"] = "mac\u001b[2", ["job"] = "nomad" }], "t");
        Assert.Equal("mac-1", labels[0]);
        Assert.DoesNotContain('\u001b', labels[1]);
        Assert.Equal("t", SeriesLabels.Of([new Dictionary<string, string>()], "t")[0]);
    }
}
