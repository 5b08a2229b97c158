namespace Styx.Ssh.Server;

/// <summary>
/// Learns how long each connection's handshake took and whether it completed: the protocol version exchange and the
/// first key exchange (RFC 4253 §4.2 and §7), from the accepted TCP connection to both sides' first NEWKEYS, before
/// any authentication. The host turns it into metrics; the server itself only logs.
/// </summary>
/// <remarks>
/// Called once per connection on that connection's task, so it must be quick and must not throw. A handshake cut
/// short because the server is stopping is not reported: it says nothing about the client or the network.
/// </remarks>
public interface IHandshakeObserver
{
    /// <param name="elapsed">From the start of the handshake to its end, measured on the server's TimeProvider.</param>
    /// <param name="succeeded">False when the client left, broke the protocol, or ran out of login grace time first.</param>
    void OnHandshake(TimeSpan elapsed, bool succeeded);
}
