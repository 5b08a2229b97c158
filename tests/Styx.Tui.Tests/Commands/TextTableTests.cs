using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class TextTableTests
{
    [Fact]
    public void Render_ShortRows_AlignsColumnsWithTwoSpaces()
    {
        var sut = new TextTable("ID", "STATUS").Add("web", "running").Add("postgres", "dead");

        Assert.Equal("ID        STATUS\nweb       running\npostgres  dead\n", sut.Render());
    }

    [Fact]
    public void Render_TooWide_CutsTheShrinkableColumnToFit80()
    {
        var sut = new TextTable("ID", "DESCRIPTION", "STATUS") { Shrinkable = { 1 } };
        sut.Add("web", new string('x', 200), "running");

        var lines = sut.Render().TrimEnd('\n').Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
        Assert.EndsWith("…  running", lines[1], StringComparison.Ordinal);
    }
}
