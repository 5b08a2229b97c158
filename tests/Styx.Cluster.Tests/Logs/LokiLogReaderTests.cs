using System.Text.RegularExpressions;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Styx.Testing;
using Xunit;

namespace Styx.Cluster.Tests.Logs;

/// <summary>
/// The Loki side of the log reader against Styx.Demo's Loki API: origins from the Promtail labels, one WebSocket tail
/// however many sessions follow a query, history joined to the live tail without a repeat, Loki's own error text.
/// </summary>
public sealed class LokiLogReaderTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>, IAsyncLifetime
{
    private LogReaderOnDemo _logs = null!;

    private DemoCluster Demo => fixture.Demo;

    private ClusterState State => _logs.State;

    private LogTails Tails => _logs.Tails;

    private LogReader Reader => _logs.Reader;

    public async Task InitializeAsync() => _logs = await LogReaderOnDemo.StartAsync(Demo, withLoki: true);

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task FiftyFollowersOfWebInLoki_OneWebSocketTail_LinesMarkedWithTheirAllocation()
    {
        var web = State.Current.Allocations.Where(a => a.JobID == "web" && a.ClientStatus == "running").Select(a => a.ID).ToHashSet();
        Demo.Server.Requests.Clear();
        var buffers = Enumerable.Range(0, 50).Select(_ => new LogBuffer(1000)).ToList();
        var follows = buffers.Select(b => Reader.Follow(new LogTarget("default", "web"), b, LogSource.Loki)).ToList();
        await Eventually.True(() => buffers.All(b => web.All(id => Lines(b).Any(l => l.Origin.AllocationId == id))), "every follower has Loki lines from every allocation of web");

        Assert.Equal(1, Tails.OpenTails);
        Assert.Single(Demo.Server.Requests.All, r => r.Path == "/loki/api/v1/tail");
        Assert.All(Lines(buffers[0]), l =>
        {
            Assert.Equal("web", l.Origin.JobId);
            Assert.Equal("web", l.Origin.Task);
            Assert.Equal(LogStream.Stdout, l.Origin.Stream);
            Assert.NotEqual("", l.Origin.Node);
        });

        follows.ForEach(f => f.Dispose());
        Assert.Equal(0, Tails.OpenTails);
    }

    [Fact]
    public async Task HistoryJoinedToTheLiveTail_NoLineTwiceAndInTimeOrder()
    {
        var allocation = State.Current.Allocations.First(a => a.JobID == "worker" && a.ClientStatus == "running");
        var query = $"{{alloc_id=\"{allocation.ID}\", stream=\"stdout\"}}";
        var buffer = new LogBuffer(10_000);
        using var follow = Reader.FollowQuery(query, TimeSpan.FromMinutes(5), buffer);
        var firstCount = await Eventually.Value(() => buffer.Next > 0 ? (object)buffer.Next : null, "history arrived");
        await Eventually.True(() => buffer.Next >= (long)firstCount + 3, "live lines follow the history");

        var lines = Lines(buffer);
        Assert.Equal(lines.Count, lines.Select(l => l.Text).Distinct().Count());
        Assert.Equal(lines.Select(l => l.Time).Order(), lines.Select(l => l.Time));

        // The worker numbers its jobs one per second: consecutive across the seam, none missing.
        var numbers = lines.Select(l => int.Parse(Regex.Match(l.Text, @"processed job (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public async Task TheSharedTailSurvivesLokiClosingIt()
    {
        var buffer = new LogBuffer(10_000);
        using var follow = Reader.Follow(new LogTarget("default", "api"), buffer, LogSource.Loki);
        await Eventually.True(() => buffer.Next >= 2, "api lines arrive");
        var before = buffer.Next;
        Demo.Server.CloseLokiTails();
        await Eventually.True(() => buffer.Next >= before + 4, "lines keep arriving after Loki closed the tail");
        var texts = Lines(buffer).Select(l => l.Origin.AllocationId + l.Text).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
    }

    [Fact]
    public async Task HistoryFromLoki_TimeRangeAndGrep_NoNote()
    {
        var history = await Reader.HistoryAsync(new LogTarget("default", "web"), TimeSpan.FromMinutes(5), 50, new Regex("GET /login "), CancellationToken.None);
        Assert.Equal(LogSource.Loki, history.Source);
        Assert.Null(history.Note);
        Assert.NotEmpty(history.Lines);
        Assert.All(history.Lines, l => Assert.Contains("GET /login ", l.Text, StringComparison.Ordinal));
        Assert.Equal(history.Lines.Select(l => l.Time).Order(), history.Lines.Select(l => l.Time));
    }

    [Fact]
    public async Task ABadQuery_FailsWithLokisOwnText()
    {
        var error = await Assert.ThrowsAsync<LokiException>(() => Reader.QueryAsync("{job=\"web\"", TimeSpan.FromMinutes(5), 10, CancellationToken.None));
        Assert.Equal(400, error.StatusCode);
        Assert.StartsWith("parse error at line 1, col ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryLokiRefuses_FollowersSeeLokisText()
    {
        var buffer = new LogBuffer(10);
        using var follow = Reader.FollowQuery("{job=~\".*\"}", TimeSpan.Zero, buffer);
        await Eventually.True(() => buffer.Status is not null, "the follower says why nothing arrives");
        Assert.StartsWith("Loki refused the query: queries require at least one regexp or equality matcher", buffer.Status, StringComparison.Ordinal);
    }

    private static List<LogLine> Lines(LogBuffer buffer)
    {
        var lines = new List<LogLine>();
        buffer.CopySince(0, lines);
        return lines;
    }
}
