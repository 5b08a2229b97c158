using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace Styx.Cluster.Tests.State;

/// <summary>
/// Sessions never cost Nomad requests of their own: over one minute with the same changes happening, a ClusterState
/// with 50 subscribers makes the same number of HTTP requests to Styx.Demo as one with a single subscriber (±10%).
/// Both run side by side against two identical demo clusters, counted by the demo, not timed.
/// </summary>
public sealed class ClusterStateRequestCountTests(ITestOutputHelper output)
{
    private static readonly TimeSpan s_minute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task OneMinute_FiftySubscribersVersusOne_SameRequestCount()
    {
        var runs = await Task.WhenAll(RunAsync(subscribers: 1), RunAsync(subscribers: 50));
        var (one, fifty) = (runs[0], runs[1]);
        output.WriteLine($"ClusterState requests in one minute: 1 subscriber {one.Requests} ({one.Snapshots} snapshots delivered), 50 subscribers {fifty.Requests} ({fifty.Snapshots} snapshots delivered)");
        Assert.True(one.Requests > 10, $"the watches made only {one.Requests} requests; the scripted changes should cause more");
        Assert.InRange(fifty.Requests, one.Requests * 0.9, one.Requests * 1.1);
        Assert.True(fifty.Snapshots >= 50 * 5, "every subscriber saw the changes");
    }

    private static async Task<(int Requests, int Snapshots)> RunAsync(int subscribers)
    {
        await using var demo = await DemoCluster.StartAsync();
        await using var state = new ClusterState(demo.Viewer, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(20) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        var delivered = 0;
        var subscriptions = Enumerable.Range(0, subscribers)
            .Select(_ => state.Subscribe(snapshot =>
            {
                // What a screen does with a snapshot: read it, never call Nomad.
                _ = snapshot.Allocations.Count(a => a.ClientStatus == "running");
                Interlocked.Increment(ref delivered);
            }))
            .ToList();
        demo.Server.Requests.Clear();
        state.Start();

        // The same changes at the same moments in both runs: web scaled up and down every 10 s.
        var started = TimeProvider.System.GetTimestamp();
        for (var step = 0; step < 6; step++)
        {
            await Task.Delay(TimeSpan.FromSeconds(5 + step * 10) - TimeProvider.System.GetElapsedTime(started));
            var count = step % 2 == 0 ? 3 : 2;
            await demo.Admin.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = count, Target = new ScalingTarget { Group = "web" } }, CancellationToken.None);
        }

        await Task.Delay(s_minute - TimeProvider.System.GetElapsedTime(started));
        var requests = demo.Server.Requests.All.Count(r => r.TokenName == "styx-viewer");
        subscriptions.ForEach(s => s.Dispose());
        return (requests, Volatile.Read(ref delivered));
    }
}
