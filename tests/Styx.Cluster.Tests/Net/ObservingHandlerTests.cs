using System.Net;
using System.Net.Sockets;
using Styx.Cluster.Loki;
using Styx.Cluster.Net;
using Styx.Cluster.Nomad;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Net;

/// <summary>
/// Every request the Nomad, Loki and Prometheus clients send reaches the observer once, by route template and status,
/// over real HTTP to Styx.Demo (and to a port nobody listens on).
/// </summary>
public sealed class ObservingHandlerTests(DemoClusterFixture fixture) : IClassFixture<DemoClusterFixture>
{
    private readonly DemoCluster _demo = fixture.Demo;

    [Fact]
    public async Task Nomad_FoundAndNotFound_ObservedWithTheirStatus()
    {
        var observed = new RecordingObserver();
        using var sut = new NomadClient(new NomadClientOptions { Address = _demo.Server.NomadAddress, Token = _demo.Server.Acl.Viewer.SecretId }, observer: observed);

        (await sut.Api.GetJobAsync("web", "default", null, null, CancellationToken.None)).Body();
        await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await sut.Api.GetJobAsync("no-such-job", "default", null, null, CancellationToken.None)).Body());

        Assert.Equal([("nomad", "/v1/job/:job_id", "200"), ("nomad", "/v1/job/:job_id", "404")], observed.Requests);
    }

    [Fact]
    public async Task Nomad_NobodyListening_ObservedAsError()
    {
        var observed = new RecordingObserver();
        using var sut = new NomadClient(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}") }, observer: observed);

        await Assert.ThrowsAsync<NomadUnreachableException>(() => sut.Api.GetNodesAsync(null, null, null, null, null, CancellationToken.None));

        Assert.Equal([("nomad", "/v1/nodes", ObservingHandler.Error)], observed.Requests);
    }

    [Fact]
    public async Task Nomad_CallerGivesUpWhileWaiting_ObservedAsCancelled()
    {
        // A server that takes the connection and never answers: the request is surely in flight when the reader leaves.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var observed = new RecordingObserver();
        using var sut = new NomadClient(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}") }, observer: observed);
        using var leave = new CancellationTokenSource();

        var waiting = sut.Api.GetNodesAsync(null, null, null, null, null, leave.Token);
        using var accepted = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);

        Assert.Equal([("nomad", "/v1/nodes", ObservingHandler.Cancelled)], observed.Requests);
    }

    [Fact]
    public async Task Prometheus_Query_Observed()
    {
        var observed = new RecordingObserver();
        using var sut = new PrometheusClient(new PrometheusClientOptions { Address = _demo.Server.PrometheusAddress }, TimeProvider.System, observed);

        await sut.QueryAsync("up", null, CancellationToken.None);

        Assert.Equal([("prometheus", "/api/v1/query", "200")], observed.Requests);
    }

    [Fact]
    public async Task Loki_LabelValuesAndTail_Observed()
    {
        var observed = new RecordingObserver();
        using var sut = new LokiClient(new LokiClientOptions { Address = _demo.Server.LokiAddress }, TimeProvider.System, observed);

        await sut.LabelValuesAsync("job", null, null, null, CancellationToken.None);
        using var leave = new CancellationTokenSource();
        var tail = Task.Run(async () =>
        {
            await foreach (var _ in sut.TailAsync("{job=\"web\"}", DateTimeOffset.UnixEpoch, 10, leave.Token))
            {
            }
        });
        await Eventually.True(() => observed.Requests.Count == 2, "the tail's connect observed");
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tail);

        // The WebSocket upgrade goes around the HttpClient pipeline; the client reports it itself (101 Switching Protocols).
        Assert.Equal([("loki", "/loki/api/v1/label/:name/values", "200"), ("loki", "/loki/api/v1/tail", "101")], observed.Requests.Take(2));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class RecordingObserver : IUpstreamObserver
    {
        private readonly List<(string, string, string)> _requests = [];

        public IReadOnlyList<(string Upstream, string Endpoint, string Status)> Requests
        {
            get
            {
                lock (_requests)
                {
                    return [.. _requests];
                }
            }
        }

        public void OnRequest(string upstream, string endpoint, string status)
        {
            lock (_requests)
            {
                _requests.Add((upstream, endpoint, status));
            }
        }
    }
}
