using Microsoft.Extensions.Logging;

namespace Styx.Cluster.State;

/// <summary>
/// Keeps one Nomad list current with blocking queries (cluster-apis.md §1.1): ask with the last <c>X-Nomad-Index</c>
/// and a wait; Nomad answers when something changed or the wait ran out. On failure it reports the error and retries
/// with <see cref="Backoff"/>; the last good data stays with the caller.
/// </summary>
/// <typeparam name="T">The list's type.</typeparam>
public sealed class BlockingQueryLoop<T>
{
    private readonly string _name;
    private readonly Func<ulong, TimeSpan, CancellationToken, Task<(T Value, ulong Index)>> _fetch;
    private readonly TimeSpan _wait;
    private readonly Backoff _backoff;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="name">What is watched, for logs (e.g. <c>jobs</c>).</param>
    /// <param name="fetch">One request: (index, wait) → (value, X-Nomad-Index). Index 0 means "answer at once".</param>
    /// <param name="wait">The blocking wait to ask for; Nomad caps it at 10 minutes and adds up to wait/16 jitter.</param>
    public BlockingQueryLoop(
        string name,
        Func<ulong, TimeSpan, CancellationToken, Task<(T Value, ulong Index)>> fetch,
        TimeSpan wait,
        Backoff backoff,
        TimeProvider time,
        ILogger logger)
    {
        _name = name;
        _fetch = fetch;
        _wait = wait;
        _backoff = backoff;
        _time = time;
        _logger = logger;
    }

    /// <summary>Runs until cancelled, calling <paramref name="onData"/> for each answer whose index moved, and
    /// <paramref name="onError"/> for each failed request.</summary>
    public async Task RunAsync(Action<T, ulong> onData, Action<Exception> onError, CancellationToken cancellationToken)
    {
        ulong index = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var (value, newIndex) = await _fetch(index, _wait, cancellationToken).ConfigureAwait(false);
                _backoff.Reset();

                // An index that goes backwards (a restored snapshot, a new leader with older state) resets the watch;
                // an index of 0 must never be sent back, or the next request would not block (Nomad api client does
                // the same: it clamps to 1).
                if (newIndex < index)
                {
                    _logger.LogDebug("{Watch}: index went back from {Old} to {New}; starting over", _name, index, newIndex);
                    onData(value, newIndex);
                    index = Math.Max(newIndex, 1);
                    continue;
                }

                newIndex = Math.Max(newIndex, 1);
                if (newIndex != index)
                {
                    onData(value, newIndex);
                }

                index = newIndex;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onError(ex);
                var delay = _backoff.Next();
                _logger.LogDebug("{Watch}: {Error}; retrying in {Delay}", _name, ex.Message, delay);
                try
                {
                    await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                // After a failure we cannot know what changed: ask again without blocking.
                index = 0;
            }
        }
    }
}
