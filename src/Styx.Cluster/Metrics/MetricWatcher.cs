using Microsoft.Extensions.Logging;

namespace Styx.Cluster.Metrics;

/// <summary>
/// One <see cref="MetricWatches.Watch"/>: hands its caller each newer snapshot once, one at a time. The shared query
/// publishes from its refresh loop while a new watcher is handed the current snapshot from its own thread, so the
/// sequence number keeps a late "current" from overwriting a newer refresh.
/// </summary>
internal sealed class MetricWatcher(Action<MetricSnapshot> changed, ILogger logger) : IDisposable
{
    private readonly Lock _gate = new();
    private long _delivered = -1;
    private Action? _leave;
    private int _disposed;

    public void Deliver(long sequence, MetricSnapshot snapshot)
    {
        lock (_gate)
        {
            if (sequence <= _delivered || Volatile.Read(ref _disposed) != 0)
            {
                return;
            }

            _delivered = sequence;
            try
            {
                changed(snapshot);
            }
            catch (Exception ex)
            {
                // One watcher's bug must not stop the refresh of everyone else's graph.
                logger.LogError(ex, "A metric watcher failed on a snapshot of {PromQL}", snapshot.PromQL);
            }
        }
    }

    /// <summary>What disposing does: leave the shared query (set before the watch is handed out).</summary>
    public void OnDispose(Action leave) => _leave = leave;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _leave?.Invoke();
        }
    }
}
