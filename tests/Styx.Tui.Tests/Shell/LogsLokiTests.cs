using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;
using Styx.Cluster.Nomad;
using Styx.Testing;
using Styx.Tui.Shell;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// The Logs screen's Loki mode against the demo's Loki (served on the demo's own host): the time range keys, the
/// history joined to the live tail, and the LogQL line's builder and text. Each test looks for lines with its own
/// unique word, so tests sharing the server do not see each other's lines.
/// </summary>
public sealed class LogsLokiTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private const string BuilderRow = " builder  ";
    private const string TextRow = " LogQL    ";

    private readonly StyxTestServer _server = fixture.Server;

    private string WebQuery => _server.Server.Logs.Labels.Query(new LogTarget("default", "web")).ToLogQL();

    [Fact]
    public async Task Two_OnWeb_ShowsLokisLast15m_HistoryThenLive_EachLineOnce()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        var word = Unique("lynx");
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");

        // Only this test's lines shown (the filter is kept when the view reopens on Loki), so each can be counted.
        shell.Type($"/{word}\rF");
        await shell.WaitForAsync("(only matching shown)");

        // In Loki before the view reopens: the tail asks for nothing older than its opening, so this comes from history.
        _server.Demo.AppendLogLine(allocation, task, false, $"before {word} history");
        await InLokiAsync(word, $"before {word} history");
        shell.Type("2");
        await shell.WaitForAsync("Styx ▸ Logs web · stdout · Loki · last 15m + live");
        await shell.WaitForAsync($"before {word} history");

        _server.Demo.AppendLogLine(allocation, task, false, $"after {word} live");
        var screen = await shell.WaitForAsync($"after {word} live");
        Assert.Equal(1, Count(screen, $"before {word} history"));
        Assert.Equal(1, Count(screen, $"after {word} live"));
        Assert.Contains($"/{word}/ 2 matches", screen, StringComparison.Ordinal);
        Assert.Contains(TextRow + WebQuery, screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Zero_GoesBackToNomadLive_WithoutTheLogQLLine()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r2");
        await shell.WaitForAsync("Loki · last 15m + live");
        await shell.WaitForAsync(TextRow + WebQuery);

        shell.Type("0");
        await shell.WaitForAsync(s => s.Contains("· Nomad live", StringComparison.Ordinal) && !s.Contains(TextRow, StringComparison.Ordinal), "Nomad live without the LogQL line");
        var word = Unique("newt");
        _server.Demo.AppendLogLine(allocation, task, false, $"nomad again {word}");
        await shell.WaitForAsync($"nomad again {word}");
    }

    [Fact]
    public async Task L_QueryWithALineFilter_UpdatesTheBuilder_AndShowsOnlyMatchingLines()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        var word = Unique("kiwi");
        shell.Type(":logs web\r1");
        await shell.WaitForAsync(TextRow + WebQuery);
        shell.Type("L");
        await shell.WaitForAsync("LogQL: " + WebQuery);
        shell.Type($" |= \"{word}\"\r");
        await shell.WaitForAsync(s => Row(s, BuilderRow)?.Contains($"|= \"{word}\"", StringComparison.Ordinal) == true, "the builder's line filter");
        var builder = Row(await shell.ScreenAsync(), BuilderRow)!;
        Assert.Contains(" job=web ", builder, StringComparison.Ordinal);
        Assert.Contains(TextRow + WebQuery + $" |= \"{word}\"", await shell.ScreenAsync(), StringComparison.Ordinal);

        // Loki sends lines in time order: once the matching line is shown, the earlier one had its chance.
        _server.Demo.AppendLogLine(allocation, task, false, $"not this one {word[..4]}");
        _server.Demo.AppendLogLine(allocation, task, false, $"this one {word}");
        var screen = await shell.WaitForAsync($"this one {word}");
        var rows = screen.Split('\n')[(2 + 2)..^3].Where(l => l.Trim().Length > 0).ToList();
        Assert.Single(rows);
        Assert.DoesNotContain("not this one", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task L_TextTheBuilderCannotParse_RunsAsTyped_ShowsWhy_AndLokisError()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":logs web\r1L");
        await shell.WaitForAsync("LogQL: " + WebQuery);
        shell.Type(" |=\r");
        await shell.WaitForAsync(BuilderRow + "(query text only:");
        var screen = await shell.WaitForAsync(s => Row(s, " 0 lines")?.Contains("⚠ Loki", StringComparison.Ordinal) == true, "Loki's error in the status");
        Assert.Contains("parse error", Row(screen, " 0 lines"), StringComparison.Ordinal);
        Assert.Contains(TextRow + WebQuery + " |=", screen, StringComparison.Ordinal);
        Assert.Equal(Palette.Error, await shell.AttributeOfAsync("(query text only:"));

        // The builder is off until the text parses again.
        shell.Type("+");
        await shell.WaitForAsync("the builder is off");
    }

    [Fact]
    public async Task PlusMinusBarAndS_EditTheBuilder_AndRewriteTheText()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":logs web\r3");
        await shell.WaitForAsync("Loki · last 1h + live");
        await shell.WaitForAsync(TextRow + WebQuery);

        shell.Type("+");
        await shell.WaitForAsync("line filter |= ");
        shell.Type("pear5\r");
        await shell.WaitForAsync(TextRow + WebQuery + " |= \"pear5\"");
        shell.Type("|");
        await shell.WaitForAsync(TextRow + WebQuery + " |= \"pear5\" | json");
        Assert.Contains("|= \"pear5\" | json", Row(await shell.ScreenAsync(), BuilderRow), StringComparison.Ordinal);
        shell.Type("-");
        await shell.WaitForAsync(s => Row(s, TextRow)?.TrimEnd() == TextRow + WebQuery + " | json", "the filter removed, | json kept");
        shell.Type("|");
        await shell.WaitForAsync(s => Row(s, TextRow)?.TrimEnd() == TextRow + WebQuery, "| json removed");

        shell.Type("s");
        var stderr = WebQuery.Replace("stream=\"stdout\"", "stream=\"stderr\"", StringComparison.Ordinal);
        await shell.WaitForAsync(TextRow + stderr);
        Assert.Contains(" stream=stderr ", Row(await shell.ScreenAsync(), BuilderRow), StringComparison.Ordinal);
        Assert.Contains("· stderr · Loki · last 1h + live", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RangeKeys_WithoutLoki_SayHowToConfigureIt()
    {
        using var nomad = new NomadClientSet(new NomadClientOptions { Address = _server.Server.NomadAddress }, new Dictionary<Role, string?>());
        var withoutLoki = new LogReader(_server.Server.State, _server.Server.Logs.Tails, nomad.For(Role.Viewer).Streams, null, null, TimeProvider.System, NullLogger<LogReader>.Instance);
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer, logs: withoutLoki);
        shell.Type(":logs web\r");
        await shell.WaitForAsync("· Nomad live");
        shell.Type("2");
        await shell.WaitForAsync("Loki is not configured: start Styx with --loki-addr (history by time needs Loki)");
        Assert.Contains("· Nomad live", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    private static string Unique(string word) => word + Guid.NewGuid().ToString("N")[..6];

    private static int Count(string screen, string text) => screen.Split(text).Length - 1;

    private static string? Row(string screen, string start) =>
        screen.Split('\n').FirstOrDefault(l => l.StartsWith(start, StringComparison.Ordinal));

    /// <summary>Waits until the demo's Loki has the line (it takes a line at its next tick; Nomad has it at once).</summary>
    private async Task InLokiAsync(string word, string line)
    {
        var query = (_server.Server.Logs.Labels.Query(new LogTarget("default", "web")) with { Filters = [new LineFilter("|=", word)] }).ToLogQL();
        await Eventually.True(
            async ct => (await _server.Server.Logs.QueryAsync(query, TimeSpan.FromMinutes(5), 10, ct)).Lines.Any(l => l.Text == line),
            "the line in Loki");
    }
}
