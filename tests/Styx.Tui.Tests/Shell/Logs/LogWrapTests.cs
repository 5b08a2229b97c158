using Styx.Tui.Shell.Logs;

namespace Styx.Tui.Tests.Shell.Logs;

public sealed class LogWrapTests
{
    [Fact]
    public void Rows_CutByColumns()
    {
        Assert.Equal([(0, 4), (4, 4), (8, 2)], LogWrap.Rows("abcdefghij", 4, 10));
        Assert.Equal([(0, 4)], LogWrap.Rows("abcdefghij", 4, 1));
        Assert.Equal([(0, 0)], LogWrap.Rows("", 4, 10));
    }

    [Fact]
    public void Rows_AWideCharacterNeverSplits()
    {
        // 日本語 are two columns each: three columns of room take one, and the next starts a row.
        Assert.Equal([(0, 2), (2, 1), (3, 1)], LogWrap.Rows("a日本語"[..4], 3, 10));
        Assert.Equal(6, LogWrap.Columns("日本語"));
    }

    [Fact]
    public void Rows_ACombiningMarkStaysWithItsBase()
    {
        var text = "ae\u0301io"; // é as e + combining acute: 4 columns
        Assert.Equal(4, LogWrap.Columns(text));
        Assert.Equal([(0, 3), (3, 2)], LogWrap.Rows(text, 2, 10));
    }

    [Fact]
    public void Cut_KeepsAColumnForTheMarker()
    {
        Assert.Equal((4, true), LogWrap.Cut("abcdefgh", 5));
        Assert.Equal((5, false), LogWrap.Cut("abcde", 5));
    }
}
