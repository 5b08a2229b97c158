using Microsoft.Extensions.Logging;
using Styx.Cluster.Prometheus;

namespace Styx.Cluster.Metrics;

/// <summary>
/// The server's shared Prometheus queries, one upstream query per (PromQL, range) however many sessions show it
/// (DESIGN.md §10: 50 sessions on the same node graph cost Prometheus what one does), like <see cref="Logs.LogTails"/>.
/// The first watcher opens the query, later ones join it, and the last one to leave closes it. While open it is
/// refreshed on the <see cref="TimeProvider"/>: range queries every <see cref="MetricRange.Step"/> but at least every
/// 15 s and at most every 5 s, instant queries every 15 s. Failures back off and keep the last good result, marked stale.
/// </summary>
public sealed class MetricWatches : IAsyncDisposable
{
    /// <summary>What every watch reports when Styx was started without a Prometheus.</summary>
    public const string NotConfigured = "Prometheus is not configured: start Styx with --prometheus-addr URL";

    private readonly PrometheusClient? _prometheus;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _logger;
    private readonly Random _jitter = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<(string PromQL, MetricRange? Range), SharedMetricQuery> _queries = [];
    private bool _disposed;

    public MetricWatches(PrometheusClient? prometheus, TimeProvider time, ILoggerFactory loggers)
    {
        _prometheus = prometheus;
        _time = time;
        _loggers = loggers;
        _logger = loggers.CreateLogger<MetricWatches>();
    }

    /// <summary>False: every watch reports <see cref="NotConfigured"/> and nothing is queried.</summary>
    public bool HasPrometheus => _prometheus is not null;

    /// <summary>
    /// The client behind the watches, for one-shot questions that nothing else shares (<c>ssh styx metrics</c>), or
    /// null when Styx has no Prometheus.
    /// </summary>
    public PrometheusClient? Prometheus => _prometheus;

    /// <summary>Upstream queries kept now (tests and benchmarks count them).</summary>
    public int OpenQueries
    {
        get
        {
            lock (_lock)
            {
                return _queries.Count;
            }
        }
    }

    /// <summary>
    /// Watches <paramref name="promQL"/> over <paramref name="range"/> (null: an instant query) until the result is
    /// disposed. <paramref name="changed"/> is called at once with the current snapshot, then with each new one, from
    /// any thread but never twice at the same time for one watch, and never with an older snapshot than it already had.
    /// </summary>
    public IDisposable Watch(string promQL, MetricRange? range, Action<MetricSnapshot> changed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(promQL);
        ArgumentNullException.ThrowIfNull(changed);
        var watcher = new MetricWatcher(changed, _logger);
        if (_prometheus is null)
        {
            watcher.Deliver(0, new MetricSnapshot(promQL, range, null, NotConfigured, false, null));
            return watcher;
        }

        var key = (promQL, range);
        SharedMetricQuery query;
        (long Sequence, MetricSnapshot Snapshot) current;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_queries.TryGetValue(key, out query!))
            {
                query = new SharedMetricQuery(_prometheus, promQL, range, _time, new State.Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), _jitter), _loggers.CreateLogger<SharedMetricQuery>());
                _queries.Add(key, query);
                query.Start();
                _logger.LogDebug("Opened metric query {PromQL} over {Range}", promQL, range?.Name ?? "instant");
            }

            current = query.Add(watcher);
        }

        watcher.OnDispose(() => Leave(key, query, watcher));
        // Outside the lock: the caller's callback may itself watch or leave.
        watcher.Deliver(current.Sequence, current.Snapshot);
        return watcher;
    }

    public async ValueTask DisposeAsync()
    {
        SharedMetricQuery[] queries;
        lock (_lock)
        {
            _disposed = true;
            queries = [.. _queries.Values];
            _queries.Clear();
        }

        foreach (var query in queries)
        {
            await query.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Leave((string, MetricRange?) key, SharedMetricQuery query, MetricWatcher watcher)
    {
        lock (_lock)
        {
            if (!query.Remove(watcher) || !_queries.TryGetValue(key, out var current) || current != query)
            {
                return;
            }

            _queries.Remove(key);
        }

        _logger.LogDebug("Closing metric query {PromQL}", query.PromQL);
        _ = query.DisposeAsync().AsTask();
    }
}
