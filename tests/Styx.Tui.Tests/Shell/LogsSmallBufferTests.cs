using System.Text.RegularExpressions;
using Styx.Cluster.Access;
using Styx.Testing;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>The Logs screen on a server whose sessions hold 100 log lines (<c>logs:sessionLines</c>), so overflowing one is quick.</summary>
public sealed class LogsSmallBufferTests(LogsSmallBufferTests.SmallBufferServer fixture) : IClassFixture<LogsSmallBufferTests.SmallBufferServer>
{
    private readonly StyxTestServer _server = fixture.Server;

    public sealed class SmallBufferServer : StyxServerFixture
    {
        internal override Task<StyxTestServer> StartAsync() =>
            StyxTestServer.StartAsync(settings: new Dictionary<string, string?> { ["logs:sessionLines"] = "100" });
    }

    [Fact]
    public async Task Header_SaysHowManyOlderLinesWereDropped_WhenTheBufferOverflowed()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await Eventually.True(() => Web().Count > 0, "a web allocation running");
        var (allocation, task) = Web()[0];
        shell.Type(":logs web\r");
        await shell.WaitForAsync("Styx ▸ Logs web");
        var id = Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < 150; i++)
        {
            _server.Demo.AppendLogLine(allocation, task, false, $"fill {id} {i}");
        }

        var screen = await shell.WaitForAsync($"fill {id} 149");
        var state = screen.Split('\n')[1];
        Assert.Matches(new Regex(@"^ 100 lines  [\d,]+ older lines dropped"), state);
        var dropped = long.Parse(Regex.Match(state, @"([\d,]+) older").Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(dropped >= 50, $"at least the 50 lines past the 100 held were dropped ({dropped})");
    }

    private List<(string Allocation, string Task)> Web() =>
    [
        .. _server.Server.State.CurrentIn("default").Allocations
            .Where(a => a.JobID == "web" && a.Namespace == "default" && a.ClientStatus == "running" && a.TaskStates is { Count: > 0 })
            .OrderBy(a => a.ID, StringComparer.Ordinal)
            .Select(a => (a.ID, a.TaskStates!.Keys.Order(StringComparer.Ordinal).First())),
    ];
}
