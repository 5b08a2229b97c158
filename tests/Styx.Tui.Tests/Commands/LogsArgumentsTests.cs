using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class LogsArgumentsTests
{
    private const string Usage = "logs JOB|ALLOC";

    [Fact]
    public void Parse_EveryFlag_BothSpellings()
    {
        (var sut, var problem) = LogsArguments.Parse("logs", Usage,
            ["web", "--task", "api", "--group=g", "--stderr", "--since", "15m", "--limit=250", "--grep", "-5\\d\\d", "-f", "-t", "--json"], LogsArguments.LogsFlags);

        Assert.Null(problem);
        Assert.NotNull(sut);
        Assert.Equal(("web", "api", "g", true, TimeSpan.FromMinutes(15), 250, true, true, true), (sut.Subject, sut.Task, sut.Group, sut.Stderr, sut.Since, sut.Limit, sut.Follow, sut.Timestamps, sut.Json));
        Assert.Matches(sut.Grep!, "GET / -503");
    }

    [Fact]
    public void Parse_NothingButTheSubject_Defaults()
    {
        (var sut, _) = LogsArguments.Parse("logs", Usage, ["web"], LogsArguments.LogsFlags);

        Assert.Equal((TimeSpan.FromHours(1), 100, false), (sut!.Since, sut.Limit, sut.Follow));
        Assert.Null(sut.Grep);
    }

    [Theory]
    [InlineData("web --limit 0", "logs: --limit takes a whole number of lines from 1 to 5000, not \"0\"")]
    [InlineData("web --limit 5001", "logs: --limit takes a whole number of lines from 1 to 5000, not \"5001\"")]
    [InlineData("web --limit -3", "logs: --limit takes a whole number of lines from 1 to 5000, not \"-3\"")]
    [InlineData("web --since soon", "logs: --since takes a duration from 1s to 30d such as 15m, 2h or 7d, not \"soon\"")]
    [InlineData("web --since 0s", "logs: --since takes a duration from 1s to 30d such as 15m, 2h or 7d, not \"0s\"")]
    [InlineData("web --since 90d", "logs: --since takes a duration from 1s to 30d such as 15m, 2h or 7d, not \"90d\"")]
    [InlineData("web --grep (", "logs: --grep: Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData("web --since", "logs: --since needs a value; usage: logs JOB|ALLOC")]
    [InlineData("web --follow=yes", "logs: --follow takes no value")]
    [InlineData("web --fast", "logs: unknown option --fast; usage: logs JOB|ALLOC")]
    [InlineData("web api", "usage: logs JOB|ALLOC (too many arguments: api)")]
    [InlineData("--stderr", "usage: logs JOB|ALLOC (missing argument)")]
    public void Parse_BadInput_NamesTheFlagAndWhatItTakes(string words, string message)
    {
        (var sut, var problem) = LogsArguments.Parse("logs", Usage, words.Split(' '), LogsArguments.LogsFlags);

        Assert.Null(sut);
        Assert.Equal(message, problem);
    }

    [Fact]
    public void Parse_Query_TakesOnlyItsFlags()
    {
        (var sut, var problem) = LogsArguments.Parse("query", "query LOGQL", ["{job=\"web\"} |= \"GET\"", "--follow"], LogsArguments.QueryFlags);

        Assert.Null(sut);
        Assert.Equal("query: unknown option --follow; usage: query LOGQL", problem);
    }
}
