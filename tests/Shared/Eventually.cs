namespace Styx.Testing;

/// <summary>
/// The one way Styx's tests wait: for a condition, checked every few milliseconds, never for a fixed time. The
/// timeout only bounds a test that would otherwise hang; it is never what makes a test pass.
/// </summary>
public static class Eventually
{
    /// <summary>Long enough for a loaded CI machine; a condition that holds at all holds well within it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; throws naming <paramref name="what"/> when it never does.</summary>
    public static Task True(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        True(_ => Task.FromResult(condition()), what, timeout);

    public static async Task True(Func<CancellationToken, Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            while (!await condition(deadline.Token).ConfigureAwait(false))
            {
                await Task.Delay(s_poll, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"never happened within {(timeout ?? DefaultTimeout).TotalSeconds:0} s: {what}");
        }
    }

    /// <summary>Waits until <paramref name="probe"/> finds something, and returns it.</summary>
    public static async Task<T> Value<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        T? found = null;
        await True(() => (found = probe()) is not null, what, timeout).ConfigureAwait(false);
        return found!;
    }
}
