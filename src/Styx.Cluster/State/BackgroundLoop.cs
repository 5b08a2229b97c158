namespace Styx.Cluster.State;

/// <summary>
/// A loop on the thread pool from <see cref="Start"/> until it is disposed: how a shared log tail or metric query reads
/// its upstream for as long as anyone follows it. Disposing cancels the loop's token and waits for the loop to end;
/// the cancellation is how it ends, not an error.
/// </summary>
internal sealed class BackgroundLoop(Func<CancellationToken, Task> run) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public void Start() => _running = Task.Run(() => run(_stop.Token));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is how the loop ends.
        }

        _stop.Dispose();
    }
}
