namespace Styx.Ssh.Connection;

/// <summary>
/// Thrown by a session handler to end the session as if killed by a signal: the client gets <c>exit-signal</c>
/// (RFC 4254 §6.10) instead of <c>exit-status</c>, e.g. <c>TERM</c> when the server shuts the session down.
/// </summary>
public sealed class SshExitSignalException(string signal, string message) : Exception(message)
{
    /// <summary>The signal name without "SIG", e.g. <c>TERM</c>.</summary>
    public string Signal { get; } = signal;
}
