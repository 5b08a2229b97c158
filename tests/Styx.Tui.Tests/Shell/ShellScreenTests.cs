using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.Access;
using Styx.Cluster.Commands;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>Screens driven without SSH: keys in, screen out, against the demo cluster.</summary>
public sealed class ShellScreenTests : IAsyncLifetime
{
    private StyxTestServer _server = null!;

    public async Task InitializeAsync() => _server = await StyxTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void TerminalGuiStillHasTheFieldTheSessionDriverSets() => Assert.True(SessionApplication.IsSupported);

    [Fact]
    public async Task Viewer_ReadOnlyBadge_ActionKeysDoNothing()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await shell.OpenJobsAsync();
        shell.Type("jX");
        var screen = await shell.WaitForAsync("viewers cannot change the cluster");
        Assert.Contains("READ-ONLY", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("Cancel", screen, StringComparison.Ordinal);
        Assert.Equal(0, _server.Demo.Requests.Writes);
    }

    [Fact]
    public async Task Operator_BulkStop_ConfirmDefaultsToCancel_ThenStopsEveryMarkedJob()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Operator);
        await shell.OpenJobsAsync();
        shell.Type("/wor\r ");
        await shell.WaitForAsync("1 marked");
        await shell.PressEscapeAsync();
        await shell.WaitForAsync(screen => !screen.Contains("/wor", StringComparison.Ordinal), "the filter cleared");
        shell.Type("/api\r ");
        await shell.WaitForAsync("2 marked");
        shell.Type("X");
        var confirm = await shell.WaitForAsync("Stop 2 targets?");
        Assert.Contains("job api", confirm, StringComparison.Ordinal);
        Assert.Contains("job worker", confirm, StringComparison.Ordinal);
        shell.Type("\r");
        await shell.WaitForAsync("cancelled");
        Assert.False(_server.Server.State.Current.Jobs.Single(j => j.ID == "api").Stop);

        shell.Type("X\u001b[C\r");
        await shell.WaitForAsync("all 2 done");
        await shell.WaitForAsync(_ => _server.Server.State.Current.Jobs.Where(j => j.ID is "api" or "worker").All(j => j.Stop), "both jobs stopped");
        Assert.False(_server.Server.State.Current.Jobs.Single(j => j.ID == "web").Stop);
    }

    [Fact]
    public async Task VirtualTime_TheStatusClockAndTimersRunOnTheSessionsClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2031, 5, 17, 9, 41, 50, TimeSpan.Zero));
        time.SetLocalTimeZone(TimeZoneInfo.Utc);
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin, time: time);
        await shell.WaitForAsync("(admin) │ 09:41 ");
        // Only the session's clock moves the minutes: the status line's 15-second timer is a Terminal.Gui timeout on
        // that clock, and every redraw reads the time from it.
        time.Advance(TimeSpan.FromSeconds(16));
        await shell.WaitForAsync("(admin) │ 09:42 ");
        time.Advance(TimeSpan.FromHours(2));
        await shell.WaitForAsync("(admin) │ 11:42 ");
    }

    [Fact]
    public async Task ClusterChange_ScreenUpdates_KeepingFilterAndSelection()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        await shell.OpenJobsAsync();
        shell.Type("/o\r");
        await shell.WaitForAsync("/o");
        shell.Type("jj");
        await shell.WaitForSelectedAsync("postgres");
        Assert.DoesNotContain("  web ", await shell.ScreenAsync(), StringComparison.Ordinal);

        // Someone else scales worker (further down the list): the row changes on this screen by itself.
        var admin = new Caller("someone", "SHA256:other", Role.Admin, System.Net.IPAddress.Loopback);
        var result = await _server.Server.Commands.ScaleAsync(admin, "worker", "worker", "3", CancellationToken.None);
        Assert.True(result.Outcome == CommandOutcome.Succeeded, result.Message);
        await shell.WaitForAsync(
            screen => screen.Split('\n').Any(l => l.StartsWith("  worker", StringComparison.Ordinal) && l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4] == "3"),
            "worker desired 3 on the jobs screen");

        var screen = await shell.ScreenAsync();
        Assert.Contains("/o", screen.Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("  web ", screen, StringComparison.Ordinal);
        Assert.StartsWith("postgres", await shell.SelectedLineAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOverlay_Closed_LeavesNothingOfItsBoxBehind()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        await shell.OpenJobsAsync();
        shell.Type("?");
        var help = await shell.WaitForAsync("┌─");
        Assert.Contains("┘", help, StringComparison.Ordinal);
        shell.Type("q");
        // Only the lines the box covered change back; every one of them must be drawn again.
        var after = await shell.WaitForAsync(screen => !screen.Contains("┌─", StringComparison.Ordinal), "the help box gone");
        Assert.DoesNotContain("┘", after, StringComparison.Ordinal);
        Assert.DoesNotContain("└", after, StringComparison.Ordinal);
        Assert.Contains("postgres", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneRowCursorMove_SendsOnlyTheChangedRows_AndAnIdleScreenNothing()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        await shell.OpenJobsAsync();

        // Measure on a settled cluster: every job runs what it wants, so no row changes but the one the key moves.
        await shell.WaitForAsync(screen => screen.Split('\n').Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(t => t.Length >= 6 && t[2] == "running").All(t => t[3] == t[4]), "every running job at its desired count");

        // Reading the screen runs on the UI thread after the frame went out, so nothing is still on its way.
        var selected = await shell.SelectedLineAsync();
        var before = shell.BytesSent;
        var writtenBefore = shell.Written.Length;
        shell.Type("j");
        await shell.WaitForAsync(async () => await shell.SelectedLineAsync() != selected, "the selection moved one row");
        var move = shell.BytesSent - before;
        Assert.True(move is >= 1 and <= 300, $"{move} bytes: " + shell.Written[writtenBefore..].Replace("\u001b", "⎋", StringComparison.Ordinal));
        // The demo cluster settles in its first seconds (deployments finish); once nothing changes, nothing is sent.
        var quiet = false;
        for (var i = 0; i < 60 && !quiet; i++)
        {
            var idle = shell.BytesSent;
            await Task.Delay(1000);
            quiet = idle == shell.BytesSent;
        }

        Assert.True(quiet, "an idle screen kept sending bytes for a minute");
    }
}
