using Microsoft.Extensions.Logging;
using Styx.Cluster.State;

namespace Styx.Cluster.Logs;

/// <summary>
/// One upstream log tail (a Nomad allocation stream, a Loki WebSocket tail) and every session that follows it. The
/// upstream is read once; each line is copied to every follower's own <see cref="LogBuffer"/>, which never blocks, so
/// a slow session loses its own oldest lines and nobody else's. A follower that joins late starts with the tail's
/// recent lines. The tail runs from its first follower until its last one leaves (<see cref="LogTails"/> counts them).
/// </summary>
public abstract class SharedLogTail : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly List<LogTailSubscription> _subscribers = [];
    private readonly LogBuffer _backlog;
    private readonly BackgroundLoop _loop;
    private string? _status;

    protected SharedLogTail(int backlogLines, TimeProvider time, ILogger logger)
    {
        _backlog = new LogBuffer(Math.Max(1, backlogLines));
        _loop = new BackgroundLoop(RunAsync);
        Time = time;
        Logger = logger;
    }

    /// <summary>What the tail reads, for logs and status text (no secrets: a path or a query).</summary>
    public abstract string Description { get; }

    /// <summary>Why the tail is behind (an error it is backing off from), or null while it is live.</summary>
    public string? Status => Volatile.Read(ref _status);

    /// <summary>Lines read from upstream since the tail opened.</summary>
    public long LinesRead => _backlog.Next;

    internal int SubscriberCount
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count;
            }
        }
    }

    protected TimeProvider Time { get; }

    protected ILogger Logger { get; }

    internal void Start() => _loop.Start();

    internal void Add(LogTailSubscription subscriber)
    {
        var recent = new List<LogLine>();
        lock (_lock)
        {
            _backlog.CopySince(0, recent);
            subscriber.Buffer.Append(recent);
            _subscribers.Add(subscriber);
        }
    }

    /// <summary>Removes <paramref name="subscriber"/>; true when none are left.</summary>
    internal bool Remove(LogTailSubscription subscriber)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscriber);
            return _subscribers.Count == 0;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _loop.DisposeAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Reads upstream until <paramref name="cancellationToken"/> is cancelled, reconnecting with backoff.</summary>
    protected abstract Task RunAsync(CancellationToken cancellationToken);

    /// <summary>Hands lines read from upstream to every follower, in order.</summary>
    protected void Publish(IReadOnlyList<LogLine> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            _backlog.Append(lines);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Buffer.Append(lines);
            }
        }
    }

    /// <summary>Sets why the tail is behind (null: live again) and tells the followers when it changed.</summary>
    protected void SetStatus(string? status)
    {
        if (Interlocked.Exchange(ref _status, status) == status)
        {
            return;
        }

        LogTailSubscription[] subscribers;
        lock (_lock)
        {
            subscribers = [.. _subscribers];
        }

        foreach (var subscriber in subscribers)
        {
            subscriber.StatusChanged();
        }
    }
}
