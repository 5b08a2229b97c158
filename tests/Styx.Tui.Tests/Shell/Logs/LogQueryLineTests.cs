using Styx.Cluster.Loki;
using Styx.Tui.Shell.Logs;

namespace Styx.Tui.Tests.Shell.Logs;

public sealed class LogQueryLineTests
{
    private static readonly LogQuery Web = new() { Selector = [new("job", "=", "web"), new("stream", "=", "stdout")] };

    [Fact]
    public void SetText_Parsable_TheBuilderFollowsIt()
    {
        var sut = new LogQueryLine(Web);

        sut.SetText("{job=\"web\",stream=\"stdout\"}   |= \"x\" | json");

        Assert.Equal(Web with { Filters = [new LineFilter("|=", "x")], Json = true }, sut.Query);
        Assert.Equal("{job=\"web\", stream=\"stdout\"} |= \"x\" | json", sut.Text);
        Assert.Null(sut.Error);
    }

    [Fact]
    public void SetText_Unparsable_KeptAsTyped_BuilderOffWithTheReason_AndEditsRefused()
    {
        var sut = new LogQueryLine(Web);

        sut.SetText("{job=\"web\"} | logfmt");

        Assert.Null(sut.Query);
        Assert.Equal("{job=\"web\"} | logfmt", sut.Text);
        Assert.NotNull(sut.Error);
        Assert.False(sut.Edit(q => q with { Json = true }));
        Assert.Equal("{job=\"web\"} | logfmt", sut.Text);
    }

    [Fact]
    public void Edit_RewritesTheText()
    {
        var sut = new LogQueryLine(Web);

        Assert.True(sut.Edit(q => q with { Filters = [new LineFilter("|=", "a \"b\"")] }));

        Assert.Equal("{job=\"web\", stream=\"stdout\"} |= \"a \\\"b\\\"\"", sut.Text);
    }

    [Fact]
    public void WithLabel_ReplacesInPlace_OrAddsAtTheEnd()
    {
        Assert.Equal("{job=\"web\", stream=\"stderr\"}", LogQueryLine.WithLabel(Web, "stream", "stderr").ToLogQL());
        var noStream = new LogQuery { Selector = [new("job", "=", "web")] };
        Assert.Equal("{job=\"web\", stream=\"stderr\"}", LogQueryLine.WithLabel(noStream, "stream", "stderr").ToLogQL());
        var regex = new LogQuery { Selector = [new("stream", "=~", "std.*"), new("job", "=", "web")] };
        Assert.Equal("{stream=\"stderr\", job=\"web\"}", LogQueryLine.WithLabel(regex, "stream", "stderr").ToLogQL());
    }
}
