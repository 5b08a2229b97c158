using Styx.Cluster.Access;
using Styx.Cluster.Nomad;
using Styx.Demo;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Issue 10 item 11 through an open Jobs screen: each of Styx.Demo's read faults turns the status line to
/// "Nomad unreachable" or "Nomad answering badly" with the last good rows still on screen, and once Nomad answers
/// properly the line is live again and a change made elsewhere (its desired count from the job definitions) shows.
/// </summary>
public sealed class StalenessTests(StalenessTests.QuickWatchServer fixture) : IClassFixture<StalenessTests.QuickWatchServer>
{
    private readonly StyxTestServer _server = fixture.Server;
    private int _webCount;

    /// <summary>Short blocking waits and request deadline, so faults reach the watchers (and a stalled body is given up) at once.</summary>
    public sealed class QuickWatchServer : StyxServerFixture
    {
        internal override Task<StyxTestServer> StartAsync() =>
            StyxTestServer.StartAsync(settings: new Dictionary<string, string?> { ["nomad:wait"] = "1s", ["nomad:requestTimeout"] = "1s" });
    }

    [Theory]
    [InlineData(DemoFault.CutShortBody, "answering badly")]
    [InlineData(DemoFault.NonJsonBody, "answering badly")]
    [InlineData(DemoFault.WrongFieldTypes, "answering badly")]
    [InlineData(DemoFault.DropBeforeBody, "unreachable")]
    [InlineData(DemoFault.DropMidBody, "unreachable")]
    [InlineData(DemoFault.StallBody, "unreachable")]
    public async Task JobsScreen_EachFault_StaleLineLastRowsThenLiveAndNewData(DemoFault fault, string problem)
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        await shell.OpenJobsAsync();
        await shell.WaitForAsync("● live");

        _server.Demo.Fault = fault;
        try
        {
            var stale = await shell.WaitForAsync($"✕ Nomad {problem} since");
            Assert.Contains("postgres", stale, StringComparison.Ordinal);
            Assert.Contains("data from", stale, StringComparison.Ordinal);
        }
        finally
        {
            // The next test of the class shares this server: never leave a fault behind.
            _server.Demo.Fault = DemoFault.None;
        }

        await shell.WaitForAsync("● live");
        await ScaleWebElsewhereAsync();
        await shell.WaitForAsync(screen => WebRow(screen)?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[4] == _webCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"web's desired count {_webCount}");
    }

    private static string? WebRow(string screen) =>
        screen.Split('\n').FirstOrDefault(line => line.TrimStart(' ', '*').StartsWith("web ", StringComparison.Ordinal));

    private async Task ScaleWebElsewhereAsync()
    {
        // Always a change, whatever an earlier test of this class left.
        _webCount = _server.Server.State.Current.Definition("web")!.TaskGroups![0].Count == 2 ? 3 : 2;
        using var client = new NomadClient(new NomadClientOptions { Address = _server.Demo.NomadAddress, Token = _server.Demo.Acl.Operator.SecretId });
        await client.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = _webCount, Target = new ScalingTarget { Group = "web" } }, CancellationToken.None);
    }
}
