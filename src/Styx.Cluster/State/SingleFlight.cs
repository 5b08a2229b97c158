using System.Collections.Concurrent;

namespace Styx.Cluster.State;

/// <summary>
/// Identical concurrent reads share one request: while a fetch for a key is in flight, later callers await the same
/// task instead of starting another. Once it completes the key is forgotten, so the next read fetches fresh data.
/// </summary>
/// <remarks>
/// A caller that cancels stops waiting but does not cancel the shared fetch for the others; the fetch itself runs
/// under the owner's lifetime token.
/// </remarks>
public sealed class SingleFlight<TKey>(CancellationToken lifetime) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Task<object?>> _inFlight = new();
    private int _fetchesStarted;

    /// <summary>How many fetches actually started (for tests that check sharing).</summary>
    public int FetchesStarted => Volatile.Read(ref _fetchesStarted);

    public async Task<T> RunAsync<T>(TKey key, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        var ours = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inFlight.GetOrAdd(key, ours.Task);
        if (shared == ours.Task)
        {
            Interlocked.Increment(ref _fetchesStarted);
            _ = CompleteAsync(key, fetch, ours);
        }

        var result = await shared.WaitAsync(cancellationToken).ConfigureAwait(false);
        return (T)result!;
    }

    private async Task CompleteAsync<T>(TKey key, Func<CancellationToken, Task<T>> fetch, TaskCompletionSource<object?> completion)
    {
        try
        {
            var value = await fetch(lifetime).ConfigureAwait(false);
            _inFlight.TryRemove(KeyValuePair.Create(key, completion.Task));
            completion.SetResult(value);
        }
        catch (OperationCanceledException ex)
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, completion.Task));
            completion.SetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            _inFlight.TryRemove(KeyValuePair.Create(key, completion.Task));
            completion.SetException(ex);
        }
    }
}
