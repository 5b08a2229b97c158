using Styx.Cluster.Text;

namespace Styx.Cluster.Tests.Text;

/// <summary>The one function between outside text and a terminal or log line (issue 10 items 3 and 4).</summary>
public sealed class ControlCharactersTests
{
    [Fact]
    public void EveryUtf16CodeUnit_NoControlCharacterSurvives()
    {
        var all = new string(Enumerable.Range(0, 0x10000).Select(c => (char)c).ToArray());
        var visible = ControlCharacters.MakeVisible(all);
        Assert.DoesNotContain(visible, ControlCharacters.IsControl);
        Assert.Equal(0x10000 + 32, visible.Length); // each C1 control takes two characters, everything else one
    }

    [Theory]
    [InlineData("evil\u001b]0;x\u0007\u001b[2J", "evil␛]0;x␇␛[2J")]
    [InlineData("line\nnext\r\t", "line␊next␍␉")]
    [InlineData("nul\0del\u007f", "nul␀del␡")]
    [InlineData("csi\u009b31m osc\u009d", "csi␛[31m osc␛]")]
    [InlineData("[00:00:00 INF] ok", "[00:00:00 INF] ok")]
    [InlineData("日本語 ✓ café", "日本語 ✓ café")]
    public void MakeVisible_ShowsControlsKeepsTheRest(string text, string shown) =>
        Assert.Equal(shown, ControlCharacters.MakeVisible(text));

    [Fact]
    public void MakeVisible_NothingToDo_SameStringNoCopy()
    {
        var text = "web-frontend";
        Assert.Same(text, ControlCharacters.MakeVisible(text));
        Assert.Equal("", ControlCharacters.MakeVisible(null));
    }

    [Fact]
    public void MakeVisibleKeepingLines_OnlyLineFeedsStay()
    {
        Assert.Equal("a␛[2J\nb␍\n", ControlCharacters.MakeVisibleKeepingLines("a\u001b[2J\nb\r\n"));
        var text = "JOB  STATUS\nweb  running\n";
        Assert.Same(text, ControlCharacters.MakeVisibleKeepingLines(text));
    }
}
