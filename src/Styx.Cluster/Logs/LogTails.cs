using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Logs;

/// <summary>
/// The server's open upstream log tails, one per source (DESIGN.md §10: the same upstream requests with 50 sessions as
/// with 1). A session asks to follow a task's stream; the first follower opens the tail, later ones join it, and the
/// last one to leave closes it. Like <see cref="State.ClusterState"/>, one instance serves every session.
/// </summary>
public sealed class LogTails(NomadStreams nomad, LogTailOptions options, TimeProvider time, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<object, SharedLogTail> _tails = [];
    private readonly ILogger _logger = loggers.CreateLogger<LogTails>();

    public LogTailOptions Options { get; } = options;

    /// <summary>Upstream tails open now, of every source: what the shared-tail tests and benchmarks count.</summary>
    public int OpenTails
    {
        get
        {
            lock (_lock)
            {
                return _tails.Count;
            }
        }
    }

    /// <summary>The tails open now (for status text and tests).</summary>
    public IReadOnlyList<SharedLogTail> Tails
    {
        get
        {
            lock (_lock)
            {
                return [.. _tails.Values];
            }
        }
    }

    /// <summary>
    /// Follows one task's stream in Nomad into <paramref name="buffer"/> until the result is disposed.
    /// <paramref name="origin"/> describes the lines (it must name the same allocation, task and stream).
    /// </summary>
    public IDisposable FollowAllocation(LogOrigin origin, LogBuffer buffer, Action statusChanged)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var key = new AllocationLogKey(origin.AllocationId, origin.Task, origin.Stream);
        return Follow(key, () => new NomadAllocationTail(nomad, origin, Options, time, loggers.CreateLogger<NomadAllocationTail>()), buffer, statusChanged, out _);
    }

    /// <summary>Why the tail under <paramref name="key"/> is behind, or null when it is live or not open.</summary>
    public string? StatusOf(object key)
    {
        lock (_lock)
        {
            return _tails.TryGetValue(key, out var tail) ? tail.Status : null;
        }
    }

    /// <summary>Joins the tail under <paramref name="key"/>, opening it with <paramref name="open"/> when there is none.</summary>
    internal IDisposable Follow(object key, Func<SharedLogTail> open, LogBuffer buffer, Action statusChanged, out SharedLogTail joined)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var subscription = new LogTailSubscription(buffer, statusChanged);
        SharedLogTail tail;
        lock (_lock)
        {
            if (!_tails.TryGetValue(key, out tail!))
            {
                tail = open();
                _tails.Add(key, tail);
                tail.Add(subscription);
                tail.Start();
                _logger.LogDebug("Opened {Tail}", tail.Description);
            }
            else
            {
                tail.Add(subscription);
            }
        }

        joined = tail;
        return new Leave(this, key, tail, subscription);
    }

    public async ValueTask DisposeAsync()
    {
        SharedLogTail[] tails;
        lock (_lock)
        {
            tails = [.. _tails.Values];
            _tails.Clear();
        }

        foreach (var tail in tails)
        {
            await tail.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Remove(object key, SharedLogTail tail, LogTailSubscription subscription)
    {
        lock (_lock)
        {
            if (!tail.Remove(subscription) || !_tails.TryGetValue(key, out var current) || current != tail)
            {
                return;
            }

            _tails.Remove(key);
        }

        _logger.LogDebug("Closing {Tail}", tail.Description);
        _ = tail.DisposeAsync().AsTask();
    }

    private sealed class Leave(LogTails tails, object key, SharedLogTail tail, LogTailSubscription subscription) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                tails.Remove(key, tail, subscription);
            }
        }
    }
}
