using Styx.Tui.Shell;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Tests.Shell;

public sealed class FrameLinesTests
{
    private static readonly Attribute Plain = new(Color.White, Color.Black);
    private static readonly Attribute Selected = new(Color.Black, Color.White);

    private static List<int> Frame(FrameLines lines, int width, params (string Text, Attribute Attribute)[] rows)
    {
        lines.Begin(width, rows.Length);
        for (var y = 0; y < rows.Length; y++)
        {
            lines.Put(0, y, rows[y].Text, rows[y].Attribute);
        }

        return [.. lines.TakeChanged().Select(l => l.Y)];
    }

    [Fact]
    public void FirstFrame_EveryLine_ThenOnlyChangedLines()
    {
        var lines = new FrameLines();
        Assert.Equal([0, 1, 2], Frame(lines, 10, ("api", Selected), ("web", Plain), ("worker", Plain)));
        Assert.Empty(Frame(lines, 10, ("api", Selected), ("web", Plain), ("worker", Plain)));
        Assert.Equal([0, 1], Frame(lines, 10, ("api", Plain), ("web", Selected), ("worker", Plain)));
    }

    [Fact]
    public void SameTextInAnotherColour_IsAChange()
    {
        var lines = new FrameLines();
        Frame(lines, 10, ("api", Plain));
        Assert.Equal([0], Frame(lines, 10, ("api", Selected)));
    }

    [Fact]
    public void NewSize_OrClearedBuffer_DrawsEverythingAgain()
    {
        var lines = new FrameLines();
        Frame(lines, 10, ("a", Plain), ("b", Plain));
        Assert.Equal([0, 1], Frame(lines, 12, ("a", Plain), ("b", Plain)));
        lines.Invalidate();
        Assert.Equal([0, 1], Frame(lines, 12, ("a", Plain), ("b", Plain)));
    }

    [Fact]
    public void SpansOutsideTheFrame_AreIgnored()
    {
        var lines = new FrameLines();
        lines.Begin(10, 1);
        lines.Put(0, -1, "above", Plain);
        lines.Put(0, 1, "below", Plain);
        var changed = lines.TakeChanged().ToList();
        Assert.Equal(0, Assert.Single(changed).Y);
        Assert.Empty(changed[0].Spans);
    }
}
