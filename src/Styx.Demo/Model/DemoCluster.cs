using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>
/// The simulated cluster's state store: namespaces, nodes, jobs, allocations and deployments behind one lock, with a Raft-like
/// index that grows with every change, one modify index per table (what blocking queries watch) and a buffer of
/// events for the event stream. The operations live in the other parts of this class.
/// </summary>
internal sealed partial class DemoCluster
{
    private const int EventBufferSize = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<DemoTable, ulong> _tableIndex = Enum.GetValues<DemoTable>().ToDictionary(t => t, _ => 1UL);
    private readonly List<DemoEvent> _events = [];
    private TaskCompletionSource _changed = NewSignal();
    private ulong _index = 1;
    private bool _changing;

    public DemoCluster(DemoOptions options)
    {
        Options = options;
        Random = new Random(options.Seed);
        Ids = new DemoIds(Random);
        Logs = new DemoLogStore(options, Now);
        Started = Now;
    }

    /// <summary>When the simulated cluster came up: where counters start from zero and metric history begins.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>Every task's logs, the one source of both the Nomad log endpoint and Loki.</summary>
    internal DemoLogStore Logs { get; }

    public DemoOptions Options { get; }

    public TimeProvider Time => Options.Time;

    internal Random Random { get; }

    internal DemoIds Ids { get; }

    internal Dictionary<string, DemoNode> Nodes { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, DemoNamespace> Namespaces { get; } = new(StringComparer.Ordinal);

    /// <summary>Jobs by namespace and ID: a job ID is unique only within its namespace.</summary>
    internal Dictionary<NamespacedId, DemoJob> Jobs { get; } = [];

    internal Dictionary<string, DemoAllocation> Allocations { get; } = new(StringComparer.Ordinal);

    internal Dictionary<string, DemoDeployment> Deployments { get; } = new(StringComparer.Ordinal);

    /// <summary>The leader's RPC address.</summary>
    public string Leader { get; internal set; } = "";

    internal DateTimeOffset Now => Time.GetUtcNow();

    internal long NowNanos => ToNanos(Now);

    internal static long ToNanos(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    internal static DateTimeOffset FromNanos(long nanos) => DateTimeOffset.UnixEpoch.AddTicks(nanos / 100);

    /// <summary>Runs a read under the lock; keep it short and copy what leaves.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>Runs a change under the lock; waiters are woken afterwards if any table changed.</summary>
    public T Write<T>(Func<T> write)
    {
        TaskCompletionSource? wake = null;
        T result;
        lock (_gate)
        {
            try
            {
                result = write();
            }
            finally
            {
                if (_changing)
                {
                    _changing = false;
                    wake = _changed;
                    _changed = NewSignal();
                }
            }
        }

        wake?.TrySetResult();
        return result;
    }

    public void Write(Action write) => Write(() =>
    {
        write();
        return 0;
    });

    /// <summary>The current modify index of a table (what <c>X-Nomad-Index</c> carries for a list of it).</summary>
    public ulong TableIndex(DemoTable table)
    {
        lock (_gate)
        {
            return _tableIndex[table];
        }
    }

    /// <summary>The index of the latest change of any table.</summary>
    public ulong LatestIndex
    {
        get
        {
            lock (_gate)
            {
                return _index;
            }
        }
    }

    /// <summary>
    /// Blocks until <paramref name="index"/> returns more than <paramref name="after"/> or <paramref name="wait"/> runs
    /// out (Nomad's blocking-query rule: an index already past <paramref name="after"/> answers at once).
    /// </summary>
    public async Task WaitForChangeAsync(Func<ulong> index, ulong after, TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = Now + wait;
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (index() > after)
                {
                    return;
                }

                changed = _changed.Task;
            }

            var remaining = deadline - Now;
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timeout = Task.Delay(remaining, Time, stop.Token);
            var first = await Task.WhenAny(changed, timeout).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            if (first == timeout)
            {
                return;
            }
        }
    }

    /// <summary>Waits until any change is committed or the token fires (for the event stream).</summary>
    public Task NextChangeAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _changed.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Buffered events with an index above <paramref name="after"/>, oldest first.</summary>
    public IReadOnlyList<DemoEvent> EventsAfter(ulong after)
    {
        lock (_gate)
        {
            var start = _events.FindIndex(e => e.Index > after);
            return start < 0 ? [] : _events.GetRange(start, _events.Count - start);
        }
    }

    /// <summary>Marks a table changed in the current write, giving it the write's index (called under the lock).</summary>
    internal ulong Touch(DemoTable table)
    {
        if (!_changing)
        {
            _changing = true;
            _index++;
        }

        _tableIndex[table] = _index;
        return _index;
    }

    /// <summary>
    /// Appends an event at the current write's index (called under the lock, after <see cref="Touch"/>).
    /// <paramref name="namespace"/> is the object's namespace; empty for objects that have none (nodes), which Nomad
    /// sends to every subscriber whatever namespace it asked for.
    /// </summary>
    internal void Publish(string topic, string type, string key, string payloadName, JsonNode payload, string @namespace)
    {
        _events.Add(new DemoEvent(_index, topic, type, key, @namespace, payloadName, payload));
        if (_events.Count > EventBufferSize)
        {
            _events.RemoveRange(0, _events.Count - EventBufferSize);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
