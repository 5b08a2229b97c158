using System.Collections.Immutable;
using System.Net;
using Styx.Ssh.Authentication;

namespace Styx.Ssh.Connection;

/// <summary>
/// One session channel handed to the host once the client asked for a shell or a command: who it is, what it asked
/// for, its input as a stream, output methods that respect the client's window, and events for size changes and
/// signals. The host returns the exit status; the server then sends <c>exit-status</c>, EOF and CLOSE.
/// </summary>
/// <remarks>
/// Two tokens end a session from the server's side: <see cref="Stopping"/> asks the host to finish soon (say so to the
/// user, return a status) while output still works; the token given to <see cref="ISshSessionHandler.RunAsync"/> cuts
/// it off (the server is going away now, or the client left).
/// </remarks>
public sealed class SshSession
{
    private readonly SshSessionChannel _channel;

    internal SshSession(SshSessionChannel channel, SshIdentity identity, IPEndPoint? remote, string clientVersion, CancellationToken stopping)
    {
        _channel = channel;
        Stopping = stopping;
        Identity = identity;
        Remote = remote;
        ClientVersion = clientVersion;
    }

    public SshIdentity Identity { get; }

    public IPEndPoint? Remote { get; }

    public string ClientVersion { get; }

    /// <summary>The exec command, or null for a shell.</summary>
    public string? Command => _channel.Command;

    /// <summary>The pty the client asked for, or null (e.g. <c>ssh host cmd</c> without <c>-t</c>).</summary>
    public PtyRequest? Pty => _channel.Pty;

    /// <summary>The current terminal size (updated by window-change).</summary>
    public TerminalSize Size => _channel.Size;

    /// <summary>Environment variables the client sent with <c>env</c> (e.g. LANG, NO_COLOR).</summary>
    public ImmutableDictionary<string, string> Environment => _channel.Environment;

    /// <summary>What the client sends (stdin); ends at the client's EOF.</summary>
    public Stream Input => _channel.Input;

    /// <summary>Cancelled when the client closes the channel or the connection drops.</summary>
    public CancellationToken Closed => _channel.Closed;

    /// <summary>
    /// Cancelled when the server begins a graceful stop (<see cref="Server.SshServer.StopAsync"/>): the host should end
    /// the session soon and return its exit status; until then output still reaches the client, and the server closes
    /// the channel as usual (exit-status, EOF, CLOSE). May already be cancelled when the session starts.
    /// </summary>
    public CancellationToken Stopping { get; }

    public event Action<TerminalSize>? SizeChanged
    {
        add => _channel.SizeChanged += value;
        remove => _channel.SizeChanged -= value;
    }

    /// <summary>A <c>signal</c> request (name without "SIG", e.g. <c>INT</c>).</summary>
    public event Action<string>? SignalReceived
    {
        add => _channel.SignalReceived += value;
        remove => _channel.SignalReceived -= value;
    }

    /// <summary>Sends output (stdout), waiting for window space as needed.</summary>
    public Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _channel.WriteAsync(data, 0, cancellationToken);

    /// <summary>Sends error output (extended data type 1, stderr).</summary>
    public Task WriteErrorAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _channel.WriteAsync(data, 1, cancellationToken);
}
