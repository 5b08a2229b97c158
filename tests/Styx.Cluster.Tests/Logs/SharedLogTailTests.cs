using Styx.Cluster.Logs;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Styx.Testing;
using Xunit;

namespace Styx.Cluster.Tests.Logs;

/// <summary>
/// The Nomad side of the log pipeline against Styx.Demo: a job's running allocations as one merged tail, one upstream
/// stream per task however many sessions follow it (counted by the demo's request log), closed when the last leaves.
/// </summary>
public sealed class SharedLogTailTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>, IAsyncLifetime
{
    private LogReaderOnDemo _logs = null!;

    private DemoCluster Demo => fixture.Demo;

    private ClusterState State => _logs.State;

    private LogTails Tails => _logs.Tails;

    private LogReader Reader => _logs.Reader;

    public async Task InitializeAsync() => _logs = await LogReaderOnDemo.StartAsync(Demo, withLoki: false);

    public async Task DisposeAsync() => await _logs.DisposeAsync();

    [Fact]
    public async Task FiftyFollowersOfWeb_OneUpstreamStreamPerTask_ClosedWhenTheLastLeaves()
    {
        var target = new LogTarget("default", "web");
        var streams = NomadLogFollower.Streams(State.Current, target).ToList();
        Assert.True(streams.Count >= 2, $"web should run on several allocations; found {streams.Count} streams");
        Demo.Server.Requests.Clear();

        var buffers = Enumerable.Range(0, 50).Select(_ => new LogBuffer(1000)).ToList();
        var follows = buffers.Select(b => Reader.Follow(target, b)).ToList();
        await Eventually.True(
            () => buffers.All(b => streams.All(s => Lines(b).Any(l => l.Origin.AllocationId == s.AllocationId))),
            "every follower has lines from every allocation of web");

        Assert.Equal(streams.Count, Tails.OpenTails);
        follows.Take(49).ToList().ForEach(f => f.Dispose());
        Assert.Equal(streams.Count, Tails.OpenTails);
        follows[49].Dispose();
        Assert.Equal(0, Tails.OpenTails);

        // The demo logs a request when it ends: once the streams are closed, it has seen exactly one per task.
        await Eventually.True(() => LogRequests().Count >= streams.Count, "the demo saw the log streams end");
        var logRequests = LogRequests();
        Assert.Equal(streams.Count, logRequests.Count);
        Assert.All(logRequests, r => Assert.Contains("follow=true", r.Query, StringComparison.Ordinal));
        Assert.Equal(streams.Select(s => "/v1/client/fs/logs/" + s.AllocationId).Order(), logRequests.Select(r => r.Path).Order());

        List<Styx.Demo.RequestRecord> LogRequests() => [.. Demo.Server.Requests.All.Where(r => r.Path.StartsWith("/v1/client/fs/logs/", StringComparison.Ordinal))];
    }

    [Fact]
    public async Task ALateFollower_StartsWithTheRecentLinesOfTheOpenTail()
    {
        var target = new LogTarget("default", "api");
        var first = new LogBuffer(1000);
        using var early = Reader.Follow(target, first);
        await Eventually.True(() => first.Next >= 5, "the first follower has lines");

        var late = new LogBuffer(1000);
        using var joined = Reader.Follow(target, late);
        // Per allocation, the late follower starts with the same lines the first one got (the merge order may differ).
        foreach (var allocation in Lines(first).Select(l => l.Origin.AllocationId).Distinct())
        {
            var firstLines = Lines(first).Where(l => l.Origin.AllocationId == allocation).Select(l => l.Text).ToList();
            var lateLines = Lines(late).Where(l => l.Origin.AllocationId == allocation).Select(l => l.Text).ToList();
            Assert.NotEmpty(lateLines);
            Assert.Equal(firstLines[0], lateLines[0]);
            Assert.Equal(firstLines.Take(lateLines.Count), lateLines.Take(firstLines.Count));
        }
    }

    [Fact]
    public async Task LinesAreMarkedAndMakeWholeLinesInOrder()
    {
        var allocation = State.Current.Allocations.First(a => a.JobID == "worker" && a.ClientStatus == "running");
        var buffer = new LogBuffer(1000);
        using var follow = Reader.Follow(new LogTarget("default", "worker", AllocationId: allocation.ID), buffer);
        await Eventually.True(() => buffer.Next >= 3, "worker lines arrive");

        var lines = Lines(buffer);
        Assert.All(lines, l =>
        {
            Assert.Equal(allocation.ID, l.Origin.AllocationId);
            Assert.Equal("worker", l.Origin.JobId);
            Assert.Matches(@"^\d{4}-\d\d-\d\dT[\d:.]+Z INFO worker: processed job \d+ from queue orders in \d+ ms$", l.Text);
        });

        // The demo's worker numbers its jobs one per second: consecutive lines, none lost or repeated.
        var numbers = lines.Select(l => int.Parse(l.Text.Split("processed job ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(numbers[0], numbers.Count), numbers);
    }

    [Fact]
    public async Task HistoryWithoutLoki_TheLastLinesOfEachTaskAndANote()
    {
        var history = await Reader.HistoryAsync(new LogTarget("default", "web"), TimeSpan.FromMinutes(5), 10, grep: null, CancellationToken.None);
        Assert.Equal(LogSource.Nomad, history.Source);
        Assert.InRange(history.Lines.Count, 1, 10);
        Assert.Contains("--since 5m needs Loki", history.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AJobWithNoRunningAllocation_SaysSoInTheStatus()
    {
        var buffer = new LogBuffer(10);
        using var follow = Reader.Follow(new LogTarget("default", "no-such-job"), buffer);
        await Eventually.True(() => buffer.Status is not null, "the follower says why nothing arrives");
        Assert.Equal("no running allocation of no-such-job: waiting for one to start", buffer.Status);
        Assert.Equal(0, Tails.OpenTails);
    }

    private static List<LogLine> Lines(LogBuffer buffer)
    {
        var lines = new List<LogLine>();
        buffer.CopySince(0, lines);
        return lines;
    }
}
