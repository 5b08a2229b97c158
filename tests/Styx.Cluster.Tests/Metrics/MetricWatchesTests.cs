using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.Metrics;
using Styx.Cluster.Prometheus;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.Metrics;

/// <summary>
/// The shared queries against a real Prometheus: 50 watchers of one graph cost it exactly what one does (counted on our
/// side of the wire and by Prometheus's own request counter), the query closes with its last watcher, and outages,
/// bad queries and a missing Prometheus reach watchers as snapshots, never as exceptions. Refreshes are driven by a
/// <see cref="FakeTimeProvider"/>, so each advance past the interval is exactly one refresh.
/// </summary>
public sealed class MetricWatchesTests(PrometheusFixture fixture) : IClassFixture<PrometheusFixture>
{
    /// <summary>Only this test sends range queries to the class's Prometheus, so its own counter is ours alone.</summary>
    [Fact]
    public async Task FiftyWatchers_SameRequestsAsOne_QueryClosedWithTheLast()
    {
        var counting = new CountingHandler();
        using var http = new HttpClient(counting) { BaseAddress = fixture.Prometheus.Address, Timeout = Timeout.InfiniteTimeSpan };
        using var prometheus = new PrometheusClient(http, TimeProvider.System);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var watches = new MetricWatches(prometheus, time, NullLoggerFactory.Instance);
        const string nodeGraph = "avg by (host) (up)";
        const int refreshes = 5;

        async Task<long> CostOf(int watchers)
        {
            var before = counting.Requests;
            var seen = new ConcurrentDictionary<int, int>();
            var watching = Enumerable.Range(0, watchers).Select(i => watches.Watch(nodeGraph, MetricRange.Default, s =>
            {
                if (s.Result is not null)
                {
                    seen.AddOrUpdate(i, 1, (_, n) => n + 1);
                }
            })).ToList();
            Assert.Equal(1, watches.OpenQueries);
            await Eventually.True(() => seen.Count == watchers && seen.Values.All(n => n == 1), "every watcher has the first answer");
            for (var refresh = 2; refresh <= refreshes + 1; refresh++)
            {
                time.Advance(TimeSpan.FromSeconds(15));
                var expected = refresh;
                await Eventually.True(() => seen.Values.All(n => n == expected), $"every watcher has answer {expected}");
            }

            foreach (var watch in watching)
            {
                watch.Dispose();
            }

            Assert.Equal(0, watches.OpenQueries);
            return counting.Requests - before;
        }

        var one = await CostOf(1);
        var fifty = await CostOf(50);

        Assert.Equal(refreshes + 1, one);
        Assert.Equal(one, fifty);
        // Prometheus's own count of range queries agrees once it has scraped itself after the last one.
        await Eventually.True(
            async ct =>
            {
                var result = await prometheus.QueryAsync("sum(prometheus_http_requests_total{handler=\"/api/v1/query_range\"})", null, ct);
                return result.Series.Count == 1 && result.Series[0].Samples[0].Value == counting.RangeRequests;
            },
            $"Prometheus counted {counting.RangeRequests} range queries");
    }

    [Fact]
    public async Task SameQueryOtherRange_TwoUpstreamQueries_BothClosed()
    {
        using var prometheus = new PrometheusClient(new PrometheusClientOptions { Address = fixture.Prometheus.Address }, TimeProvider.System);
        await using var watches = new MetricWatches(prometheus, new FakeTimeProvider(TimeProvider.System.GetUtcNow()), NullLoggerFactory.Instance);
        var instant = watches.Watch("up", null, _ => { });
        var again = watches.Watch("up", null, _ => { });
        Assert.Equal(1, watches.OpenQueries);
        instant.Dispose();
        Assert.Equal(1, watches.OpenQueries);
        again.Dispose();
        again.Dispose();
        Assert.Equal(0, watches.OpenQueries);
    }

    [Fact]
    public async Task Outage_ErrorWithTheUnreachableNote_NeverThrown()
    {
        using var prometheus = new PrometheusClient(new PrometheusClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}") }, TimeProvider.System);
        await using var watches = new MetricWatches(prometheus, TimeProvider.System, NullLoggerFactory.Instance);
        var snapshots = new ConcurrentQueue<MetricSnapshot>();
        using var watch = watches.Watch("up", MetricRange.Default, snapshots.Enqueue);

        var failed = await Eventually.Value(() => snapshots.FirstOrDefault(s => s.Error is not null), "a snapshot with the error");
        Assert.StartsWith("Prometheus unreachable: Prometheus at http://127.0.0.1:", failed.Error, StringComparison.Ordinal);
        Assert.Contains("connection refused", failed.Error, StringComparison.Ordinal);
        Assert.Null(failed.Result);
        Assert.False(failed.Stale);
        Assert.Equal(new MetricSnapshot("up", MetricRange.Default, null, null, false, null), snapshots.First());
    }

    [Fact]
    public async Task OutageAfterAnAnswer_LastResultKeptAndStale_ThenFresh()
    {
        var counting = new CountingHandler();
        using var http = new HttpClient(counting) { BaseAddress = fixture.Prometheus.Address, Timeout = Timeout.InfiniteTimeSpan };
        using var prometheus = new PrometheusClient(http, TimeProvider.System);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var watches = new MetricWatches(prometheus, time, NullLoggerFactory.Instance);
        MetricSnapshot? latest = null;
        using var watch = watches.Watch("up", null, s => Volatile.Write(ref latest, s));
        var first = await Eventually.Value(() => Volatile.Read(ref latest) is { Result: not null } s ? s : null, "a first answer");

        counting.Refuse = true;
        time.Advance(TimeSpan.FromSeconds(15));
        var stale = await Eventually.Value(() => Volatile.Read(ref latest) is { Stale: true } s ? s : null, "a stale snapshot");
        Assert.Same(first.Result, stale.Result);
        Assert.StartsWith("Prometheus unreachable: ", stale.Error, StringComparison.Ordinal);

        counting.Refuse = false;
        // The backoff's first delay is at most its 1 s start; a minute covers any jitter.
        time.Advance(TimeSpan.FromMinutes(1));
        var fresh = await Eventually.Value(() => Volatile.Read(ref latest) is { Stale: false, Error: null } s && s.Result != first.Result ? s : null, "a fresh answer");
        Assert.NotNull(fresh.Result);
    }

    [Fact]
    public async Task BadQuery_PrometheusOwnText()
    {
        using var prometheus = new PrometheusClient(new PrometheusClientOptions { Address = fixture.Prometheus.Address }, TimeProvider.System);
        await using var watches = new MetricWatches(prometheus, new FakeTimeProvider(TimeProvider.System.GetUtcNow()), NullLoggerFactory.Instance);
        MetricSnapshot? latest = null;
        using var watch = watches.Watch("up{", null, s => Volatile.Write(ref latest, s));

        var failed = await Eventually.Value(() => Volatile.Read(ref latest) is { Error: not null } s ? s : null, "the error");
        var direct = await Assert.ThrowsAsync<PrometheusException>(() => prometheus.QueryAsync("up{", null, CancellationToken.None));
        Assert.Equal(direct.Message, failed.Error);
        Assert.StartsWith("invalid parameter \"query\": ", failed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoPrometheus_OneSnapshotSayingHowToConfigureIt()
    {
        await using var watches = new MetricWatches(null, TimeProvider.System, NullLoggerFactory.Instance);
        var snapshots = new List<MetricSnapshot>();
        using var watch = watches.Watch("up", null, snapshots.Add);
        Assert.False(watches.HasPrometheus);
        Assert.Equal(0, watches.OpenQueries);
        var snapshot = Assert.Single(snapshots);
        Assert.Equal("Prometheus is not configured: start Styx with --prometheus-addr URL", snapshot.Error);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Our side of the wire: counts requests, and refuses them as a down Prometheus would when told to.</summary>
    private sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        private long _requests;
        private long _rangeRequests;

        public long Requests => Interlocked.Read(ref _requests);

        public long RangeRequests => Interlocked.Read(ref _rangeRequests);

        public volatile bool Refuse;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Refuse)
            {
                return Task.FromException<HttpResponseMessage>(new HttpRequestException("refused by the test", new SocketException((int)SocketError.ConnectionRefused)));
            }

            Interlocked.Increment(ref _requests);
            if (request.RequestUri!.AbsolutePath == "/api/v1/query_range")
            {
                Interlocked.Increment(ref _rangeRequests);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
