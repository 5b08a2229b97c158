using System.Globalization;
using System.Text.RegularExpressions;
using Styx.Testing;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// <c>logs --follow</c> to a client that reads slower than lines arrive: the server holds no more than the session's
/// buffer (here 100 lines), drops the oldest, and says how many on stderr once the client reads again.
/// </summary>
public sealed class ExecLogsSlowClientTests(ExecLogsSlowClientTests.SmallBufferServer fixture) : IClassFixture<ExecLogsSlowClientTests.SmallBufferServer>
{
    private readonly StyxTestServer _styx = fixture.Server;

    /// <summary>A server whose sessions hold 100 log lines each, so a burst overflows one quickly.</summary>
    public sealed class SmallBufferServer : StyxServerFixture
    {
        internal override Task<StyxTestServer> StartAsync() =>
            StyxTestServer.StartAsync(settings: new Dictionary<string, string?> { ["logs:sessionLines"] = "100" });
    }

    [Fact]
    public async Task Follow_ClientStopsReadingDuringABurst_OldestDroppedAndCounted()
    {
        var tails = _styx.Server.Logs.Tails;
        await Eventually.True(() => _styx.Server.State.CurrentIn("default").Allocations.Count(a => a.JobID == "web" && a.Namespace == "default" && a.ClientStatus == "running") == 2, "web's two allocations running");
        await using var client = SshClientProcess.Start(_styx.SshArguments(_styx.KeyFiles["viewer"], "logs web --follow --limit 1"), readStdout: false);
        await Eventually.True(() => tails.OpenTails == 1, "the follow's upstream Loki tail open");

        var readBefore = tails.Tails.Sum(t => t.LinesRead);
        _styx.Demo.StartLogBurst("web", 10_000);
        try
        {
            // The client's stdout pipe (64 KiB) and SSH window (2 MiB) hold about 30,000 such lines; the session 100 more.
            await Eventually.True(() => tails.Tails.Sum(t => t.LinesRead) - readBefore > 60_000, "far more lines read upstream than the client, its window and the session can hold");
            client.ReadStdout();
            var dropped = await Eventually.Value(() => Regex.Match(client.Stderr, @"… (\d+) lines dropped \(the client read too slowly\) …") is { Success: true } m ? m.Groups[1].Value : null,
                "the client told how many lines it missed");

            Assert.True(long.Parse(dropped, CultureInfo.InvariantCulture) > 0, client.Stderr);
            Assert.False(client.HasExited, "the follow goes on after dropping lines");
        }
        finally
        {
            _styx.Demo.StopLogBurst("web");
        }
    }
}
