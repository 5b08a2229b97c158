using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Cluster.Tests.State;

/// <summary>Before Nomad ever answered: not synced, and the picture is as old as the watcher (what /health and the age gauge read).</summary>
public sealed class ClusterStateNeverSyncedTests
{
    [Fact]
    public async Task SnapshotAge_NomadNeverAnswers_CountsFromStartOnTheTimeProvider()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var nobody = new NomadClient(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}") });
        await using var sut = new ClusterState(nobody, new ClusterStateOptions(), time, NullLogger<ClusterState>.Instance);
        Assert.Equal((false, TimeSpan.Zero), (sut.HasSynced, sut.SnapshotAge));

        sut.Start();
        time.Advance(TimeSpan.FromSeconds(90));

        Assert.False(sut.HasSynced);
        Assert.Equal(TimeSpan.FromSeconds(90), sut.SnapshotAge);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
