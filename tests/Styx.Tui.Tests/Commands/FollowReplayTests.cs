using Styx.Cluster.Logs;
using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class FollowReplayTests
{
    private static readonly LogOrigin s_a = new("default", "web", "aaaaaaaa-1", "web.web[0]", "web", LogStream.Stdout, "mac-mini-1");
    private static readonly LogOrigin s_b = s_a with { AllocationId = "bbbbbbbb-2", AllocationName = "web.web[1]" };
    private static readonly LogTailOptions s_small = new() { TailBacklogLines = 3, NomadBacklogBytes = 20 };

    [Fact]
    public void Take_ReplayOfTheHistory_PrintsOnlyTheLinesAfterIt()
    {
        var sut = new FollowReplay([Line(s_a, "2"), Line(s_a, "3")], new LogTailOptions());
        var printed = new List<LogLine>();

        sut.Take([Line(s_a, "1"), Line(s_a, "2"), Line(s_a, "3"), Line(s_a, "4")], printed);
        sut.Take([Line(s_a, "5")], printed);

        Assert.Equal(["4", "5"], printed.Select(l => l.Text));
    }

    [Fact]
    public void Take_EachStreamCatchesUpOnItsOwn_AStreamWithoutHistoryPassesAtOnce()
    {
        var sut = new FollowReplay([Line(s_a, "a2")], new LogTailOptions());
        var printed = new List<LogLine>();

        sut.Take([Line(s_b, "b1"), Line(s_a, "a1"), Line(s_b, "b2"), Line(s_a, "a2"), Line(s_a, "a3")], printed);

        Assert.Equal(["b1", "b2", "a3"], printed.Select(l => l.Text));
    }

    [Fact]
    public void Take_HistoryLineNeverReplayed_ReleasedOnceLongerThanAnyReplay()
    {
        var sut = new FollowReplay([Line(s_a, "gone")], s_small);
        var printed = new List<LogLine>();

        sut.Take([Line(s_a, "1234567"), Line(s_a, "2234567"), Line(s_a, "3234567")], printed);
        Assert.Empty(printed);
        sut.Take([Line(s_a, "4234567")], printed);

        Assert.Equal(["1234567", "2234567", "3234567", "4234567"], printed.Select(l => l.Text));
        sut.Take([Line(s_a, "gone")], printed);
        Assert.Equal("gone", printed[^1].Text);
    }

    private static LogLine Line(LogOrigin origin, string text) => new(origin, DateTimeOffset.UnixEpoch, text);
}
