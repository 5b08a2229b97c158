using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class CommandWordsTests
{
    [Theory]
    [InlineData("jobs --json", new[] { "jobs", "--json" })]
    [InlineData("scale \"my job\" api 3", new[] { "scale", "my job", "api", "3" })]
    [InlineData("  logs   web  ", new[] { "logs", "web" })]
    [InlineData("query '{job=\"web\"} |= \"error\"'", new[] { "query", "{job=\"web\"} |= \"error\"" })]
    [InlineData("say \"a \\\"b\\\" c\"", new[] { "say", "a \"b\" c" })]
    [InlineData("a\\ b c", new[] { "a b", "c" })]
    [InlineData("x''y \"\"", new[] { "xy", "" })]
    [InlineData("", new string[0])]
    public void Split_ShellLikeQuoting_GivesTheWordsAShellWould(string command, string[] expected)
    {
        Assert.Equal(expected, CommandWords.Split(command));
    }

    [Theory]
    [InlineData("scale 'web", "single quote")]
    [InlineData("scale \"web", "double quote")]
    [InlineData("scale web\\", "lone backslash")]
    public void Split_Unterminated_SaysWhatIsOpen(string command, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => CommandWords.Split(command));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
