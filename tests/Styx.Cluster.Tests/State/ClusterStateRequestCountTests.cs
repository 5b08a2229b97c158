using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace Styx.Cluster.Tests.State;

/// <summary>
/// Sessions never cost Nomad requests of their own: through the same series of changes, a ClusterState with 50
/// subscribers makes the same number of HTTP requests as one with a single subscriber (±10%). Both watch the same
/// Styx.Demo at the same time (told apart by their tokens, as the demo logs the token's name), and each step waits
/// until both have seen the change: counted by the demo, not timed.
/// </summary>
public sealed class ClusterStateRequestCountTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SameChanges_FiftySubscribersVersusOne_SameRequestCount()
    {
        await using var demo = await DemoCluster.StartAsync();
        var options = new ClusterStateOptions { Wait = TimeSpan.FromSeconds(20) };
        await using var one = new ClusterState(demo.Viewer, options, TimeProvider.System, NullLogger<ClusterState>.Instance);
        await using var fifty = new ClusterState(demo.Operator, options, TimeProvider.System, NullLogger<ClusterState>.Instance);
        var delivered = new int[2];
        var subscriptions = new[] { (State: one, Count: 1, Slot: 0), (State: fifty, Count: 50, Slot: 1) }
            .SelectMany(s => Enumerable.Range(0, s.Count).Select(_ => s.State.Subscribe(snapshot =>
            {
                // What a screen does with a snapshot: read it, never call Nomad.
                _ = snapshot.Allocations.Count(a => a.ClientStatus == "running");
                Interlocked.Increment(ref delivered[s.Slot]);
            })))
            .ToList();
        demo.Server.Requests.Clear();
        one.Start();
        fifty.Start();

        // web scaled up and down six times; each step waits until both watchers show the new allocations running.
        for (var step = 0; step < 6; step++)
        {
            var count = step % 2 == 0 ? 3 : 2;
            await demo.Admin.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = count, Target = new ScalingTarget { Group = "web" } }, CancellationToken.None);
            await demo.WaitUntilAsync(_ => Task.FromResult(new[] { one, fifty }.All(s => Settled(s.Current, count))));
        }

        subscriptions.ForEach(s => s.Dispose());
        var requests = demo.Server.Requests.All;
        var (byOne, byFifty) = (requests.Count(r => r.TokenName == "styx-viewer"), requests.Count(r => r.TokenName == "styx-operator"));
        output.WriteLine($"ClusterState requests over six scalings: 1 subscriber {byOne} ({delivered[0]} snapshots delivered), 50 subscribers {byFifty} ({delivered[1]} snapshots delivered)");
        Assert.True(byOne > 10, $"the watches made only {byOne} requests; the scripted changes should cause more");
        Assert.InRange(byFifty, byOne * 0.9, byOne * 1.1);
        Assert.True(delivered[1] >= 50 * 6, "every subscriber saw the changes");
    }

    /// <summary>web runs exactly <paramref name="count"/> allocations, all healthy, and nothing of it is still pending or stopping.</summary>
    private static bool Settled(ClusterSnapshot snapshot, int count)
    {
        var web = snapshot.Allocations.Where(a => a.JobID == "web").ToList();
        return web.Count(a => a.ClientStatus == "running" && a.DesiredStatus == "run" && a.DeploymentStatus?.Healthy == true) == count
               && web.All(a => a.ClientStatus != "pending" && !(a.DesiredStatus == "stop" && a.ClientStatus == "running"));
    }
}
