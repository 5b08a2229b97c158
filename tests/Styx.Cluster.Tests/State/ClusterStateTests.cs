using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.State;

/// <summary>ClusterState against Styx.Demo: snapshots, freshness, outages and shared detail reads.</summary>
public sealed class ClusterStateTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private DemoCluster _demo = null!;
    private ClusterState _state = null!;
    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _demo = await DemoCluster.StartAsync(DemoCluster.QuickOptions with { Latency = TimeSpan.FromMilliseconds(100) });
        _state = new ClusterState(_demo.Viewer, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(30) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        _state.Start();
        await _demo.WaitUntilAsync(_ => Task.FromResult(_state.Current.IsComplete && _state.Current.Leader is not null));
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public void Snapshot_AfterStart_HoldsTheWholeDemoCluster()
    {
        var snapshot = _state.Current;
        Assert.Equal(3, snapshot.Nodes.Length);
        Assert.Contains(snapshot.Jobs, j => j.ID == "web");
        Assert.Equal(15, snapshot.Allocations.Count(a => a.ClientStatus == "running"));
        Assert.Contains(snapshot.Services, s => s.ServiceName == "nats");
        Assert.NotEmpty(snapshot.Deployments);
        Assert.Equal("100.64.0.1:4647", snapshot.Leader);
        Assert.True(snapshot.Connection.Reachable);
        Assert.All(snapshot.Nodes, n => Assert.NotNull(n.NodeResources));
    }

    [Fact]
    public async Task Subscribe_ScaleElsewhere_NewSnapshotShowsNewAllocation()
    {
        var seen = new List<ClusterSnapshot>();
        using var subscription = _state.Subscribe(s =>
        {
            lock (seen)
            {
                seen.Add(s);
            }
        });
        Assert.Single(seen);
        await _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct);
        await _demo.WaitUntilAsync(_ => Task.FromResult(_state.Current.Allocations.Count(a => a.JobID == "web" && a.ClientStatus == "running") == 3));
        lock (seen)
        {
            Assert.True(seen.Count > 1);
            Assert.True(seen.Zip(seen.Skip(1)).All(p => p.Second.Version > p.First.Version), "versions increase");
            // Snapshots are immutable: the first still shows two web allocations.
            Assert.Equal(2, seen[0].Allocations.Count(a => a.JobID == "web" && a.ClientStatus == "running"));
        }
    }

    [Fact]
    public async Task Outage_NomadGone_UnreachableSinceWithLastDataThenRecovers()
    {
        var before = _state.Current;
        Assert.Equal((true, TimeSpan.Zero), (_state.HasSynced, _state.SnapshotAge));
        _demo.Server.Outage = true;
        await _demo.WaitUntilAsync(_ => Task.FromResult(!_state.Current.Connection.Reachable));
        var down = _state.Current;
        Assert.NotNull(down.Connection.UnreachableSince);
        // Synced once stays true; the picture's age counts from when the first watch failed.
        Assert.True(_state.HasSynced);
        await _demo.WaitUntilAsync(_ => Task.FromResult(_state.SnapshotAge > TimeSpan.Zero));
        Assert.Contains("unreachable", down.Connection.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before.Jobs, down.Jobs);
        Assert.Equal(before.Allocations, down.Allocations);

        _demo.Server.Outage = false;
        await _demo.WaitUntilAsync(_ => Task.FromResult(_state.Current.Connection.Reachable));
        Assert.Null(_state.Current.Connection.UnreachableSince);
        Assert.Equal(TimeSpan.Zero, _state.SnapshotAge);
    }

    [Fact]
    public async Task DetailReads_FiftyConcurrentSameJob_OneHttpRequest()
    {
        _demo.Server.Requests.Clear();
        var reads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _state.GetJobAsync("web", Ct)));
        Assert.All(reads, job => Assert.Equal("web", job.ID));
        Assert.Equal(1, _demo.Server.Requests.All.Count(r => r.Path == "/v1/job/web"));
        Assert.Equal(1, _state.DetailRequests);

        // Once the first read finished, the next one fetches fresh data.
        await _state.GetJobAsync("web", Ct);
        Assert.Equal(2, _demo.Server.Requests.All.Count(r => r.Path == "/v1/job/web"));
    }
}
