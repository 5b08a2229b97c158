using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport;

/// <summary>The peer went away: it sent SSH_MSG_DISCONNECT, or the stream ended.</summary>
public sealed class SshConnectionClosedException(string message, DisconnectReason? peerReason = null, bool nothingReceived = false) : Exception(message)
{
    /// <summary>The reason the peer gave in its DISCONNECT, if it sent one.</summary>
    public DisconnectReason? PeerReason { get; } = peerReason;

    /// <summary>
    /// The peer closed before sending a single byte: a port probe or a TCP health check, not an SSH client whose
    /// handshake failed.
    /// </summary>
    public bool NothingReceived { get; } = nothingReceived;
}
