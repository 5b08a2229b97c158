namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// Paces one session's Terminal.Gui main loop: an iteration runs as soon as the client sends input or resizes, and
/// otherwise once per <see cref="Period"/> (timers, queued UI work, the cluster's updates). Terminal.Gui's own pacing
/// sleeps out the rest of each 40 ms period whatever arrives, so a key waited up to a whole period before it was read
/// (key-to-frame p50 20 ms with one session, measured with bench/Styx.Tui.Benchmarks; 1.2 ms with this pacer), and it
/// sleeps with <c>Task.Delay(…).Wait()</c>, which spin-waits before it blocks. Here the wait is a plain monitor wait
/// that input cuts short. Runs on the session's UI thread, from <c>IApplication.Iteration</c>, which Terminal.Gui
/// raises at the start of every iteration.
/// </summary>
internal sealed class IterationPacer(TimeProvider time)
{
    /// <summary>The longest gap between iterations when nothing wakes the loop (25 a second).</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMilliseconds(40);

    // A plain monitor: nothing to dispose, so a wake from a late packet after the session ended is harmless.
    private readonly object _gate = new();
    private bool _woken;
    private long _lastIteration = time.GetTimestamp();

    /// <summary>Something arrived for the UI thread (input, a new size): run the next iteration now. Any thread.</summary>
    public void Wake()
    {
        lock (_gate)
        {
            _woken = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Blocks the UI thread until it is woken or a period has passed since the last iteration began.</summary>
    public void WaitForTurn()
    {
        lock (_gate)
        {
            var left = Period - time.GetElapsedTime(_lastIteration);
            if (!_woken && left > TimeSpan.Zero)
            {
                Monitor.Wait(_gate, left);
            }

            // Cleared before this iteration drains the input queue: input pushed from here on wakes the next one.
            _woken = false;
        }

        _lastIteration = time.GetTimestamp();
    }
}
