using Styx.Cluster.Logs;
using Styx.Tui.Shell.Logs;

namespace Styx.Tui.Tests.Shell.Logs;

/// <summary>The filter over a session buffer: matches kept incrementally, dropped lines leaving, hide mode, the cursor.</summary>
public sealed class LogFilterTests
{
    private static readonly LogOrigin Origin = new("default", "web", "0123456789abcdef", "web.web[0]", "web", LogStream.Stdout, "mac-1");

    private static LogLine Line(string text) => new(Origin, DateTimeOffset.UnixEpoch, text);

    [Fact]
    public void NewLines_AreTestedOnArrival_OnlyTheNewOnes()
    {
        var buffer = new LogBuffer(100);
        var lines = new LogLines(buffer.Capacity);
        var sut = new LogFilter();
        buffer.Append([Line("ok"), Line("error one"), Line("ok")]);
        lines.Pull(buffer, false, sut.Added);
        sut.Set(LogFilter.Compile("ERROR", out _), lines);
        Assert.Equal([1L], sut.Matches);

        var tested = 0;
        buffer.Append([Line("error two"), Line("fine")]);
        lines.Pull(buffer, false, row =>
        {
            tested++;
            sut.Added(row);
        });
        Assert.Equal(2, tested);
        Assert.Equal([1L, 3L], sut.Matches);
        Assert.Equal([(0, 5)], sut.Spans(lines[3].Body));
    }

    [Fact]
    public void DroppedLines_LeaveTheMatches_AndTheDroppedCountIsExact()
    {
        var buffer = new LogBuffer(4);
        var lines = new LogLines(buffer.Capacity);
        var sut = new LogFilter();
        sut.Set(LogFilter.Compile("x", out _), lines);
        buffer.Append([Line("x0"), Line("a"), Line("x2")]);
        lines.Pull(buffer, false, sut.Added);
        buffer.Append([Line("b"), Line("x4"), Line("c"), Line("d"), Line("x7")]);
        lines.Pull(buffer, false, sut.Added);
        sut.DroppedBefore(lines.First);
        Assert.Equal(4, buffer.Dropped);
        Assert.Equal(4, lines.First);
        Assert.Equal([4L, 7L], sut.Matches);
        Assert.Equal("x4", lines[4].Line.Text);
    }

    [Fact]
    public void NextMatch_StepsBothWays()
    {
        var (lines, sut) = Filled("a", "x", "b", "x", "c");
        sut.Set(LogFilter.Compile("x", out _), lines);
        Assert.Equal(1L, sut.NextMatch(0, +1));
        Assert.Equal(3L, sut.NextMatch(1, +1));
        Assert.Null(sut.NextMatch(3, +1));
        Assert.Equal(1L, sut.NextMatch(3, -1));
        Assert.Null(sut.NextMatch(1, -1));
    }

    [Fact]
    public void HideMode_ListsOnlyMatches_AndTheCursorFollowsThem()
    {
        var (lines, sut) = Filled("a", "x1", "b", "x2", "c");
        sut.Set(LogFilter.Compile("x", out _), lines);
        sut.Hide = true;
        var items = new LogItems(lines, sut);
        var cursor = new LogCursor(items);
        cursor.Refresh();
        Assert.Equal(2, items.Count);
        Assert.Equal(3L, cursor.Selected);
        cursor.Move(-1);
        Assert.Equal(1L, cursor.Selected);
        Assert.False(cursor.Follow);
        cursor.Move(+1);
        Assert.True(cursor.Follow);
    }

    [Fact]
    public void InvalidPattern_IsAnError_NotAnException()
    {
        Assert.Null(LogFilter.Compile("a(b", out var error));
        Assert.StartsWith("not a regular expression", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Matching_WorksOnVisibleText()
    {
        var (lines, sut) = Filled("bell\u0007 here");
        sut.Set(LogFilter.Compile("␇", out _), lines);
        Assert.Single(sut.Matches);
    }

    private static (LogLines Lines, LogFilter Filter) Filled(params string[] texts)
    {
        var buffer = new LogBuffer(100);
        buffer.Append([.. texts.Select(Line)]);
        var lines = new LogLines(buffer.Capacity);
        lines.Pull(buffer, false, _ => { });
        return (lines, new LogFilter());
    }
}
