using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Logs;
using Styx.Cluster.Nomad;
using Styx.Tui.Commands;
using Styx.Tui.Tests.Support;
using Styx.Testing;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// <c>logs</c> on a server with Nomad and no Loki: the demo server always wires its own Loki, so these run the command
/// with a reader that has none, over the same demo Nomad and cluster state. History is the end of each task's log (with
/// a note that time ranges need Loki); <c>--follow</c> goes through the shared Nomad tails and closes them when it ends.
/// </summary>
public sealed class ExecLogsWithoutLokiTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    [Fact]
    public async Task Follow_WithoutLoki_NomadTailsEachLineOnce_ClosedWhenTheCommandEnds()
    {
        var web = (await _server.RunningWebAsync()).Select(s => s.Allocation).ToList();
        using var viewer = new NomadClient(new NomadClientOptions { Address = _server.Demo.NomadAddress, Token = _server.Demo.Acl.Viewer.SecretId });
        await using var tails = new LogTails(viewer.Streams, new LogTailOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        var reader = new LogReader(_server.Server.State, tails, viewer.Streams, null, null, TimeProvider.System, NullLogger<LogReader>.Instance);
        var context = new SessionContext(_server.Server.State, _server.Server.Commands, _server.Server.Catalog,
            new Caller("vera", "SHA256:test", Role.Viewer, IPAddress.Loopback), "test", Demo: true, TimeProvider.System, reader, _server.Server.Metrics, _server.Server.MetricCatalog, Namespace: "default");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var synchronizedOutput = TextWriter.Synchronized(output);
        using var hangUp = new CancellationTokenSource();

        var running = new ExecCommandRunner(context, synchronizedOutput, TextWriter.Synchronized(error)).RunAsync("logs web --follow --limit 5", hangUp.Token);
        await Eventually.True(() => tails.OpenTails == web.Count, "one Nomad tail per web allocation");
        var marker = "nomad-only " + Guid.NewGuid().ToString("N");
        _server.Demo.AppendLogLine(web[0], "web", stderr: false, marker);
        await Eventually.True(() => Text().Contains(web[0][..8] + " web " + marker, StringComparison.Ordinal), "the new line streamed with its allocation");

        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        Assert.Equal(0, tails.OpenTails);
        Assert.StartsWith("logs: Loki is not configured: following Nomad", error.ToString(), StringComparison.Ordinal);
        var lines = Text().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Length, lines.Distinct(StringComparer.Ordinal).Count());

        string Text()
        {
            lock (synchronizedOutput)
            {
                return output.ToString();
            }
        }
    }
}
