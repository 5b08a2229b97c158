using Microsoft.AspNetCore.Http;

namespace Styx.Demo.Loki;

/// <summary>
/// The open tail sockets, so the demo can close them all from the server side (<see cref="DemoServer.CloseLokiTails"/>)
/// and tests can prove that Styx reconnects without losing or repeating a line.
/// </summary>
internal sealed class LokiTails(Action<HttpContext> opened)
{
    private CancellationTokenSource _closing = new();
    private int _open;

    /// <summary>Fires when <see cref="CloseAll"/> is called; a tail opened later gets a fresh token.</summary>
    public CancellationToken Closing => Volatile.Read(ref _closing).Token;

    /// <summary>Tail sockets open now.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Called once a tail's WebSocket is accepted (the request log records it then, not when it ends).</summary>
    public void Opened(HttpContext context)
    {
        Interlocked.Increment(ref _open);
        opened(context);
    }

    public void Closed() => Interlocked.Decrement(ref _open);

    public void CloseAll()
    {
        // Cancelled, not disposed: a tail starting at this moment may still link to its token.
        Interlocked.Exchange(ref _closing, new CancellationTokenSource()).Cancel();
    }
}
