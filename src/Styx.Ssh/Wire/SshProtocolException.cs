namespace Styx.Ssh.Wire;

/// <summary>
/// The peer broke the protocol. The connection answers with SSH_MSG_DISCONNECT carrying <see cref="Reason"/> and the
/// message, logs it, and closes; other connections are unaffected.
/// </summary>
public sealed class SshProtocolException(DisconnectReason reason, string message) : Exception(message)
{
    public DisconnectReason Reason { get; } = reason;

    public static SshProtocolException Malformed(string detail) => new(DisconnectReason.ProtocolError, "malformed message: " + detail);
}
