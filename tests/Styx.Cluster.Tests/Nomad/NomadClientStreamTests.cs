using System.Diagnostics;
using System.Text;
using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>Blocking queries, the event stream and log frames, against Styx.Demo over real HTTP.</summary>
public sealed class NomadClientStreamTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private DemoCluster _demo = null!;
    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _demo = await DemoCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task BlockingQuery_JobChanges_WakesTheWaiter()
    {
        var first = await _demo.Viewer.Api.GetJobsAsync(null, null, null, Ct);
        var index = first.NomadIndex();
        var waiting = _demo.Viewer.Api.GetJobsAsync(null, index, "5m", Ct);
        await Task.Delay(200, Ct);
        Assert.False(waiting.IsCompleted, "a blocking query with a current index must wait");

        await _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct);
        var woken = await waiting.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.True(woken.NomadIndex() > index);
        Assert.Equal(3, woken.Body().Single(j => j.ID == "web").JobSummary!.Summary!["web"].Running
                        + woken.Body().Single(j => j.ID == "web").JobSummary!.Summary!["web"].Starting
                        + woken.Body().Single(j => j.ID == "web").JobSummary!.Summary!["web"].Queued);
    }

    [Fact]
    public async Task BlockingQuery_NothingChanges_ReturnsAtWaitWithSameIndex()
    {
        var first = await _demo.Viewer.Api.GetNodesAsync(null, null, null, null, null, Ct);
        var index = first.NomadIndex();
        var clock = Stopwatch.StartNew();
        var again = await _demo.Viewer.Api.GetNodesAsync(null, null, null, index, "1s", Ct);
        clock.Stop();
        Assert.Equal(index, again.NomadIndex());
        // Nomad holds the request for the wait plus up to wait/16 of jitter.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task BlockingQuery_BadWaitOrIndex_BadRequestWithNomadText()
    {
        using var http = new HttpClient { BaseAddress = _demo.Server.NomadAddress };
        http.DefaultRequestHeaders.Add("X-Nomad-Token", _demo.Server.Acl.Viewer.SecretId);
        var wait = await http.GetAsync("/v1/jobs?index=1&wait=forever", Ct);
        Assert.Equal(400, (int)wait.StatusCode);
        Assert.Equal("Invalid wait time", await wait.Content.ReadAsStringAsync(Ct));
        Assert.StartsWith("text/plain", wait.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var index = await http.GetAsync("/v1/jobs?index=x", Ct);
        Assert.Equal("Invalid index", await index.Content.ReadAsStringAsync(Ct));
        var method = await http.DeleteAsync("/v1/jobs", Ct);
        Assert.Equal(405, (int)method.StatusCode);
        var unknown = await http.GetAsync("/v1/nosuch", Ct);
        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal("", await unknown.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task EventStream_Scale_JobRegisteredAndAllocationCreatedArrive()
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var seen = new List<NomadEvent>();
        var reader = Task.Run(async () =>
        {
            await foreach (var frame in _demo.Viewer.Streams.StreamEventsAsync(["Job:web", "Allocation"], 0, stop.Token))
            {
                lock (seen)
                {
                    seen.AddRange(frame.Events ?? []);
                }
            }
        }, Ct);
        await Task.Delay(300, Ct);

        await _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct);
        await _demo.WaitUntilAsync(_ =>
        {
            lock (seen)
            {
                return Task.FromResult(seen.Any(e => e.Type == "JobRegistered") && seen.Any(e => e.Type == "AllocationCreated"));
            }
        });
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reader);

        lock (seen)
        {
            Assert.All(seen, e => Assert.Contains(e.Topic, new[] { "Job", "Allocation" }));
            Assert.All(seen.Where(e => e.Topic == "Job"), e => Assert.Equal("web", e.Key));
            var job = seen.First(e => e.Type == "JobRegistered").Payload!.Value.GetProperty("Job");
            Assert.Equal(3, job.GetProperty("TaskGroups")[0].GetProperty("Count").GetInt32());
        }
    }

    [Fact]
    public async Task EventStream_NoTopicWithViewerToken_PermissionDenied()
    {
        await Assert.ThrowsAsync<NomadPermissionDeniedException>(async () =>
        {
            await foreach (var _ in _demo.Viewer.Streams.StreamEventsAsync([], 0, Ct))
            {
            }
        });
    }

    [Fact]
    public async Task Logs_RunningTask_FramesDecodeToLinesAndFollowGrows()
    {
        var allocation = (await _demo.Viewer.Api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body()[0];
        await Task.Delay(1100, Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var text = new StringBuilder();
        long lastOffset = -1;
        var frames = 0;
        try
        {
            await foreach (var frame in _demo.Viewer.Streams.StreamLogsAsync(allocation.ID, "web", "stdout", true, "start", 0, stop.Token))
            {
                if (frame.IsHeartbeat)
                {
                    continue;
                }

                Assert.Equal("alloc/logs/web.stdout.0", frame.File);
                Assert.True(frame.Offset > lastOffset);
                lastOffset = frame.Offset;
                text.Append(Encoding.UTF8.GetString(frame.Data!));
                if (++frames == 2)
                {
                    await stop.CancelAsync();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length >= 3, $"expected the first lines and at least one followed line, got {lines.Length}");
        Assert.All(lines, l => Assert.Contains("HTTP/1.1", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_UnknownTaskOrBadType_BadRequest()
    {
        var allocation = (await _demo.Viewer.Api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body()[0];
        var task = await Assert.ThrowsAsync<NomadBadRequestException>(async () =>
        {
            await foreach (var _ in _demo.Viewer.Streams.StreamLogsAsync(allocation.ID, "nope", "stdout", false, "start", 0, Ct))
            {
            }
        });
        Assert.Contains("nope", task.NomadMessage, StringComparison.Ordinal);
        var type = await Assert.ThrowsAsync<NomadBadRequestException>(async () =>
        {
            await foreach (var _ in _demo.Viewer.Streams.StreamLogsAsync(allocation.ID, "web", "stdin", false, "start", 0, Ct))
            {
            }
        });
        Assert.Equal("must provide log type (stdout/stderr)", type.NomadMessage);
    }
}
