using Styx.Cluster.Prometheus;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Tests.Shell.Metrics;

/// <summary>The two ways a series becomes a row of blocks: a table cell over a time window, and a one-shot trend.</summary>
public sealed class SparklineTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TableCell_ScaledFromZero_GapIsASpace_LastValuePerCell()
    {
        // Four cells of 10 s; the second has no sample, the third two (the later one counts).
        PrometheusSample[] samples =
        [
            new(s_start.AddSeconds(1), 2),
            new(s_start.AddSeconds(21), 1),
            new(s_start.AddSeconds(29), 7),
            new(s_start.AddSeconds(35), 14),
        ];

        var line = Sparkline.Of(samples, s_start, s_start.AddSeconds(40), 4);

        // 2/14 of seven steps rounds to 1, 7/14 to 3.5 → 4, 14/14 to 7: from zero, so a small value stays small.
        Assert.Equal("▂ ▅█", line);
    }

    [Fact]
    public void TableCell_OutsideTheWindowOrNotFinite_Left()
    {
        PrometheusSample[] samples = [new(s_start.AddSeconds(-5), 9), new(s_start.AddSeconds(5), double.NaN), new(s_start.AddSeconds(15), 3)];

        Assert.Equal(" █", Sparkline.Of(samples, s_start, s_start.AddSeconds(20), 2));
    }

    [Fact]
    public void Trend_OwnMinimumToMaximum_MeanPerRun_FlatInTheMiddle()
    {
        // Six points in three runs of two: means 10, 15, 20 → floor, middle, top.
        Assert.Equal("▁▅█", Sparkline.Trend([10, 10, 14, 16, 20, 20], 3));
        Assert.Equal("▄▄▄", Sparkline.Trend([5, 5, 5], 30));
    }

    [Fact]
    public void Trend_RunWithoutFiniteValue_IsASpace()
    {
        Assert.Equal("▁ █", Sparkline.Trend([1, 1, double.NaN, double.PositiveInfinity, 3, 3], 3));
        Assert.Equal("", Sparkline.Trend([], 10));
    }
}
