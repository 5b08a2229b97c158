using Styx.Cluster.Access;
using Styx.Tui.Screens;
using Styx.Tui.Shell;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// The Logs screen driven like a person would, against the demo's web job (three running allocations, live logs).
/// Lines the tests look for are written into the demo's task logs with unique words, so tests sharing the server do
/// not see each other's lines as matches.
/// </summary>
public sealed class LogsScreenTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    [Fact]
    public async Task L_OnWebInJobs_ShowsLinesOfEveryRunningAllocation_EachMarked()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await shell.OpenJobsAsync();
        shell.Type("/web\r");
        await shell.WaitForSelectedAsync("web");
        shell.Type("l");
        await shell.WaitForAsync("Styx ▸ Logs web");
        var streams = await _server.RunningWebAsync();
        Assert.True(streams.Count >= 2, "web runs more than one allocation");
        foreach (var (allocation, task) in streams)
        {
            _server.Demo.AppendLogLine(allocation, task, false, "hello from " + allocation[..8] + " marked");
        }

        // Each line carries its allocation and task before the text: the merged tail says where every line came from.
        await shell.WaitForAsync(
            screen => streams.All(s => screen.Contains($"{s.Allocation[..8]} {s.Task}", StringComparison.Ordinal)
                                       && screen.Contains("hello from " + s.Allocation[..8] + " marked", StringComparison.Ordinal)),
            "a marked line from every running allocation of web");
        Assert.Contains("following", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filter_HighlightsMatches_NewMatchingLinesToo_AndNSteps()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        _server.Demo.AppendLogLine(allocation, task, false, "first gnu41 line");
        await shell.WaitForAsync("first gnu41 line");
        shell.Type("/gnu4\\d\r");
        await shell.WaitForAsync("1 matching line;");
        Assert.Equal(Palette.Match, await shell.AttributeOfAsync("gnu41"));
        Assert.NotEqual(Palette.Match, await shell.AttributeOfAsync("first "));

        // A line arriving after the filter was set is tested as it arrives, and highlighted.
        _server.Demo.AppendLogLine(allocation, task, false, "second gnu42 line");
        await shell.WaitForAsync("second gnu42 line");
        await shell.WaitForAsync(async () => await shell.AttributeOfAsync("gnu42") == Palette.Match, "the later match highlighted");
        Assert.Contains("/gnu4\\d/ 2 matches", await shell.ScreenAsync(), StringComparison.Ordinal);

        shell.Type("gn");
        await shell.WaitForAsync(async () => (await shell.LineStartingWithAsync("▸"))?.Contains("gnu41", StringComparison.Ordinal) == true, "n on the first match");
        shell.Type("n");
        await shell.WaitForAsync(async () => (await shell.LineStartingWithAsync("▸"))?.Contains("gnu42", StringComparison.Ordinal) == true, "n on the second match");
        shell.Type("N");
        await shell.WaitForAsync(async () => (await shell.LineStartingWithAsync("▸"))?.Contains("gnu41", StringComparison.Ordinal) == true, "N back on the first");
        Assert.Contains("paused", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HideMode_ShowsOnlyMatchingLines()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        _server.Demo.AppendLogLine(allocation, task, false, "only yak77 here");
        await shell.WaitForAsync("only yak77 here");
        shell.Type("/yak77\rF");
        var screen = await shell.WaitForAsync("(only matching shown)");
        var rows = screen.Split('\n')[2..^3].Where(l => l.Trim().Length > 0).ToList();
        Assert.Single(rows);
        Assert.Contains("only yak77 here", rows[0], StringComparison.Ordinal);

        shell.Type("F");
        await shell.WaitForAsync(s => !s.Contains("(only matching shown)", StringComparison.Ordinal) && s.Split('\n')[2..^3].Count(l => l.Trim().Length > 0) > 1, "every line again");
    }

    [Fact]
    public async Task InvalidRegex_IsAnErrorOnTheMessageLine_AndTheScreenKeepsWorking()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        shell.Type("/a(b\r");
        await shell.WaitForAsync("not a regular expression");
        Assert.Equal(Palette.Error, await shell.AttributeOfAsync("not a regular expression"));

        _server.Demo.AppendLogLine(allocation, task, false, "after the bad pattern emu12");
        shell.Type("/emu1\\d\r");
        await shell.WaitForAsync("/emu1\\d/ 1 match");
        await shell.WaitForAsync(async () => await shell.AttributeOfAsync("emu12") == Palette.Match, "the good pattern highlights");
    }

    [Fact]
    public async Task J_OnAJsonLine_ShowsItPrettyPrinted_LevelColoured()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        _server.Demo.AppendLogLine(allocation, task, false, """{"level":"error","ts":"2031-05-17T09:41:50Z","msg":"ibis payment failed","order":{"id":42,"items":["a","b"]},"user":"ann"}""");
        await shell.WaitForAsync("ERROR ibis payment failed ts=2031-05-17T09:41:50Z order={\"id\":42,\"items\":[\"a\",\"b\"]} user=ann");
        Assert.Equal(Palette.For(RowTone.Bad, false), await shell.AttributeOfAsync("ERROR ibis"));

        shell.Type("/ibis\rgnJ");
        var overlay = await shell.WaitForAsync("\"order\": {");
        Assert.Contains("\"id\": 42,", overlay, StringComparison.Ordinal);
        Assert.Contains("\"msg\": \"ibis payment failed\",", overlay, StringComparison.Ordinal);
        await shell.PressEscapeAsync();
        await shell.WaitForAsync(s => !s.Contains("\"order\": {", StringComparison.Ordinal), "the overlay closed");

        // With timestamps on, the line's own time key is left out: the time column shows it.
        shell.Type("t");
        await shell.WaitForAsync("ERROR ibis payment failed order=");
    }

    [Fact]
    public async Task Esc_ReturnsToJobs_WithTheSelectionKept()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await shell.OpenJobsAsync();
        shell.Type("G");
        var selected = await shell.WaitForAsync(async () => await shell.SelectedLineAsync() is { } line && !line.StartsWith("api", StringComparison.Ordinal), "the last job selected")
            .ContinueWith(_ => shell.SelectedLineAsync()).Unwrap();
        shell.Type("l");
        await shell.WaitForAsync("Styx ▸ Logs ");
        shell.Type("/x\r");
        await shell.WaitForAsync("/x/");
        await shell.PressEscapeAsync();
        await shell.WaitForAsync(s => !s.Contains("/x/", StringComparison.Ordinal), "esc cleared the filter first");
        await shell.PressEscapeAsync();
        await shell.WaitForAsync("Styx ▸ Jobs");

        // The same job: its row's sparklines may have moved on meanwhile, so compare the name, not the whole line.
        Assert.Equal(JobName(selected), JobName(await shell.SelectedLineAsync()));

        static string? JobName(string? line) => line?.TrimStart('▸', ' ').Split(' ')[0];
    }

    [Fact]
    public async Task HostileLine_ShownAsVisiblePlaceholders_NothingRawWritten()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        var before = shell.Written.Length;
        _server.Demo.AppendLogLine(allocation, task, false, "ua \u001b]52;c;Y3VybCBldmls\u0007 then \u001b[2J then\rcr owl99");
        await shell.WaitForAsync("ua ␛]52;c;Y3VybCBldmls␇ then ␛[2J then␍cr owl99");
        var written = shell.Written[before..];
        Assert.Contains("owl99", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b]52", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[2J", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\u0007", written, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobThatIsNotRunningYet_SaysSo_ThenShowsItsLinesWhenItStarts()
    {
        var admin = new Caller("test", "SHA256:test", Role.Admin, System.Net.IPAddress.Loopback);
        await _server.Server.Commands.StopJobAsync(admin, "postgres", purge: false, CancellationToken.None);
        await Styx.Testing.Eventually.True(
            () => !_server.Server.State.CurrentIn("default").Allocations.Any(a => a.JobID == "postgres" && a.ClientStatus == "running"),
            "postgres stopped");
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":logs postgres\r");

        // The follower's first word (nothing runs) comes while the view is being made; the view must still hear the next.
        await shell.WaitForAsync("no running allocation of postgres");
        await _server.Server.Commands.StartJobAsync(admin, "postgres", CancellationToken.None);
        await shell.WaitForAsync(screen => screen.Contains("LOG:  ", StringComparison.Ordinal), "postgres's lines once it runs");
    }

    [Fact]
    public async Task W_WrapsALongLine_OntoContinuationRows()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        var id = Guid.NewGuid().ToString("N")[..6];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        _server.Demo.AppendLogLine(allocation, task, false, $"wren{id} " + string.Join(' ', Enumerable.Repeat("abcdefghij", 25)) + $" end{id}");

        // Cut at the edge: the start shows, the end does not.
        await shell.WaitForAsync("wren" + id);
        Assert.DoesNotContain("end" + id, await shell.ScreenAsync(), StringComparison.Ordinal);

        shell.Type("w");
        var screen = await shell.WaitForAsync("end" + id);
        var rows = screen.Split('\n');
        var first = Array.FindIndex(rows, r => r.Contains("wren" + id, StringComparison.Ordinal));
        var last = Array.FindIndex(rows, r => r.Contains("end" + id, StringComparison.Ordinal));
        Assert.True(last > first, "the end of the line is on a later row than its start");
        Assert.Contains("  wrap", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task T_ShowsEachLinesTime()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        var line = "timed stoat" + Guid.NewGuid().ToString("N")[..6];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        _server.Demo.AppendLogLine(allocation, task, false, line);
        await shell.WaitForAsync(line);

        shell.Type("t");
        var time = new System.Text.RegularExpressions.Regex(@"^[ ▸]\d\d:\d\d:\d\d\.\d{3} ");
        var screen = await shell.WaitForAsync(s => s.Split('\n').Any(r => r.Contains(line, StringComparison.Ordinal) && time.IsMatch(r)), "the line's time before it");
        Assert.Contains("  time", screen.Split('\n')[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task S_SwitchesToStderr_AndShowsItsLines()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        var (allocation, task) = (await _server.RunningWebAsync())[0];
        var line = "to stderr heron" + Guid.NewGuid().ToString("N")[..6];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("· stdout · Nomad live");

        shell.Type("s");
        await shell.WaitForAsync("· stderr · Nomad live");
        _server.Demo.AppendLogLine(allocation, task, true, line);
        await shell.WaitForAsync(line);
        Assert.Contains("following stderr", await shell.ScreenAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiftySessionsFollowingWeb_TheDemoSeesOneLogStreamPerTask()
    {
        var streams = await _server.RunningWebAsync();
        var tails = _server.Server.Logs.Tails;
        await Styx.Testing.Eventually.True(() => tails.OpenTails == 0, "no tail left open by an earlier test");
        _server.Demo.Requests.Clear();

        var shells = new List<ShellHarness>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
                shells.Add(shell);
                shell.Type(":logs web\r");
            }

            foreach (var (allocation, task) in streams)
            {
                _server.Demo.AppendLogLine(allocation, task, false, "fifty see " + allocation[..8]);
            }

            foreach (var shell in shells)
            {
                await shell.WaitForAsync(screen => streams.All(s => screen.Contains("fifty see " + s.Allocation[..8], StringComparison.Ordinal)), "the line of every allocation in every session");
            }

            Assert.Equal(streams.Count, tails.OpenTails);
        }
        finally
        {
            foreach (var shell in shells)
            {
                await shell.DisposeAsync();
            }
        }

        // The demo logs a stream when it ends: once every session has gone, it saw exactly one per task of web.
        await Styx.Testing.Eventually.True(() => tails.OpenTails == 0, "the last session closed the tails");
        await Styx.Testing.Eventually.True(() => LogStreams().Count >= streams.Count, "the demo saw the streams end");
        Assert.Equal(streams.Select(s => "/v1/client/fs/logs/" + s.Allocation).Order(), LogStreams().Select(r => r.Path).Order());

        List<Styx.Demo.RequestRecord> LogStreams() => [.. _server.Demo.Requests.All.Where(r => r.Path.StartsWith("/v1/client/fs/logs/", StringComparison.Ordinal))];
    }
}
