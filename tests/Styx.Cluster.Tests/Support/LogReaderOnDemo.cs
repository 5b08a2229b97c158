using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;
using Styx.Cluster.State;
using Styx.Testing;

namespace Styx.Cluster.Tests.Support;

/// <summary>The server's log side over a Styx.Demo: the shared cluster state, the shared tails and the reader, with or without the demo's Loki.</summary>
public sealed class LogReaderOnDemo : IAsyncDisposable
{
    private LogReaderOnDemo(ClusterState state, LogTails tails, LokiClient? loki, LogReader reader)
    {
        State = state;
        Tails = tails;
        Loki = loki;
        Reader = reader;
    }

    public ClusterState State { get; }

    public LogTails Tails { get; }

    public LokiClient? Loki { get; }

    public LogReader Reader { get; }

    /// <summary>Starts the watch and waits until the state has loaded.</summary>
    public static async Task<LogReaderOnDemo> StartAsync(DemoCluster demo, bool withLoki)
    {
        var state = new ClusterState(demo.Viewer, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(20) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        state.Start();
        var tails = new LogTails(demo.Viewer.Streams, new LogTailOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        var loki = withLoki ? new LokiClient(new LokiClientOptions { Address = demo.Server.LokiAddress }, TimeProvider.System) : null;
        var reader = new LogReader(state, tails, demo.Viewer.Streams, loki, null, TimeProvider.System, NullLogger<LogReader>.Instance);
        await Eventually.True(() => state.Current.IsComplete, "the cluster state loaded");
        return new LogReaderOnDemo(state, tails, loki, reader);
    }

    public async ValueTask DisposeAsync()
    {
        await Tails.DisposeAsync();
        Loki?.Dispose();
        await State.DisposeAsync();
    }
}
