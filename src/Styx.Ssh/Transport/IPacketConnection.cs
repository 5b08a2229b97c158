using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport;

/// <summary>
/// The transport layer as the layers above see it (RFC 4253 after the first key exchange): a pipe of message
/// payloads, each starting with its message number, encrypted and integrity-protected underneath.
/// </summary>
/// <remarks>
/// The transport handles every transport-layer message itself: KEXINIT and the rest of a re-key (started by either
/// side, or by the byte/time limits), IGNORE, DEBUG, UNIMPLEMENTED, and DISCONNECT from the peer. The layers above
/// (user authentication, connection) only ever see message numbers 50 and up, plus SERVICE_REQUEST (5).
/// <para>
/// One reader at a time. <see cref="WritePacketAsync"/> may be called from several threads at once; writes are
/// serialised in call order. While a key exchange is in progress channel data waits, and replies and other control
/// messages are queued (a bounded number, then they wait too) so that the reader, which drives the key exchange,
/// can answer a request without waiting for it, and a peer that never finishes a key exchange cannot make the server
/// buffer without end (Go CVE-2025-22869).
/// </para>
/// </remarks>
public interface IPacketConnection : IAsyncDisposable
{
    /// <summary>H of the first key exchange (RFC 4253 §7.2); fixed for the connection's life.</summary>
    ReadOnlyMemory<byte> SessionId { get; }

    /// <summary>What was negotiated in the most recent key exchange, for logs.</summary>
    NegotiatedAlgorithms Algorithms { get; }

    /// <summary>The client's identification string without CR LF, e.g. <c>SSH-2.0-OpenSSH_9.2p1 Debian-2</c>.</summary>
    string ClientVersion { get; }

    /// <summary>
    /// The next payload for the layers above. The returned memory is owned by the caller (it is not reused).
    /// </summary>
    /// <exception cref="SshProtocolException">The peer broke the protocol; the transport has already sent DISCONNECT.</exception>
    /// <exception cref="SshConnectionClosedException">The peer disconnected or the stream ended.</exception>
    ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How long the packet now being written has waited for the peer to take it (zero when no write is in
    /// progress). A peer that stops reading makes this grow without end; the connection's watchdog acts on it.
    /// </summary>
    TimeSpan PendingWriteTime { get; }

    /// <summary>Sends one payload (message number first). Thread-safe.</summary>
    ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);

    /// <summary>Sends SSH_MSG_DISCONNECT (RFC 4253 §11.1) and closes the stream. Never throws.</summary>
    ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken);
}
