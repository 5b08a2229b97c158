using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport;

/// <summary>The peer went away: it sent SSH_MSG_DISCONNECT, or the stream ended.</summary>
public sealed class SshConnectionClosedException(string message, DisconnectReason? peerReason = null) : Exception(message)
{
    /// <summary>The reason the peer gave in its DISCONNECT, if it sent one.</summary>
    public DisconnectReason? PeerReason { get; } = peerReason;
}
