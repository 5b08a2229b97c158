using Microsoft.Extensions.Logging;
using Styx.Cluster.Prometheus;
using Styx.Cluster.State;

namespace Styx.Cluster.Metrics;

/// <summary>
/// One upstream Prometheus query and every watcher of it. It refreshes on a fixed schedule from its first watcher until
/// <see cref="MetricWatches"/> disposes it when the last one leaves; each answer becomes a new
/// <see cref="MetricSnapshot"/> handed to every watcher. A failed refresh keeps the last good result, marked stale, and
/// retries with backoff.
/// </summary>
internal sealed class SharedMetricQuery : IAsyncDisposable
{
    /// <summary>Instant queries (tables, sparkline readouts) and the longest wait between range refreshes.</summary>
    private static readonly TimeSpan s_slowest = TimeSpan.FromSeconds(15);

    /// <summary>The quickest refresh: a 4 s step graph redrawn more often than this would only load Prometheus.</summary>
    private static readonly TimeSpan s_quickest = TimeSpan.FromSeconds(5);

    private readonly PrometheusClient _prometheus;
    private readonly TimeProvider _time;
    private readonly Backoff _backoff;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private readonly List<MetricWatcher> _watchers = [];
    private readonly BackgroundLoop _loop;
    private MetricSnapshot _current;
    private long _sequence;

    public SharedMetricQuery(PrometheusClient prometheus, string promQL, MetricRange? range, TimeProvider time, Backoff backoff, ILogger logger)
    {
        _prometheus = prometheus;
        _loop = new BackgroundLoop(RunAsync);
        _time = time;
        _backoff = backoff;
        _logger = logger;
        PromQL = promQL;
        Range = range;
        _current = new MetricSnapshot(promQL, range, null, null, false, null);
    }

    public string PromQL { get; }

    public MetricRange? Range { get; }

    /// <summary>How often the answer is asked for again while it is watched.</summary>
    public TimeSpan Interval => Range is null ? s_slowest : TimeSpan.FromTicks(Math.Clamp(Range.Step.Ticks, s_quickest.Ticks, s_slowest.Ticks));

    public void Start() => _loop.Start();

    /// <summary>Adds <paramref name="watcher"/>; returns the snapshot it starts from, for the caller to deliver outside its lock.</summary>
    public (long Sequence, MetricSnapshot Snapshot) Add(MetricWatcher watcher)
    {
        lock (_lock)
        {
            _watchers.Add(watcher);
            return (_sequence, _current);
        }
    }

    /// <summary>Removes <paramref name="watcher"/>; true when none are left.</summary>
    public bool Remove(MetricWatcher watcher)
    {
        lock (_lock)
        {
            _watchers.Remove(watcher);
            return _watchers.Count == 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var started = _time.GetUtcNow();
            TimeSpan wait;
            try
            {
                var result = await AskAsync(started, ct).ConfigureAwait(false);
                _backoff.Reset();
                Publish(new MetricSnapshot(PromQL, Range, result, null, false, _time.GetUtcNow()));
                // A fixed schedule from the start of each refresh: a slow answer does not stretch the interval.
                wait = started + Interval - _time.GetUtcNow();
            }
            catch (PrometheusException ex)
            {
                var error = ex.Unreachable ? "Prometheus unreachable: " + ex.Message : ex.Message;
                _logger.LogDebug("Metric query {PromQL} failed: {Error}", PromQL, error);
                MetricSnapshot previous;
                lock (_lock)
                {
                    previous = _current;
                }

                Publish(previous with { Error = error, Stale = previous.Result is not null });
                wait = _backoff.Next();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Not Prometheus's answer but Styx's own fault; the graph says so rather than freezing silently.
                _logger.LogError(ex, "Metric query {PromQL} failed unexpectedly", PromQL);
                MetricSnapshot previous;
                lock (_lock)
                {
                    previous = _current;
                }

                Publish(previous with { Error = "Styx could not read the answer: " + ex.Message, Stale = previous.Result is not null });
                wait = _backoff.Next();
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, ct).ConfigureAwait(false);
            }
        }
    }

    private Task<PrometheusResult> AskAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (Range is null)
        {
            return _prometheus.QueryAsync(PromQL, null, ct);
        }

        // The end on a step boundary: each refresh's points fall on the same times, so a graph shifts by whole steps.
        var stepTicks = Range.Step.Ticks;
        var end = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % stepTicks), TimeSpan.Zero);
        return _prometheus.QueryRangeAsync(PromQL, end - Range.Length, end, Range.Step, ct);
    }

    private void Publish(MetricSnapshot snapshot)
    {
        long sequence;
        MetricWatcher[] watchers;
        lock (_lock)
        {
            _current = snapshot;
            sequence = ++_sequence;
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            watcher.Deliver(sequence, snapshot);
        }
    }
}
