namespace Styx.Ssh.Authentication;

/// <summary>
/// Learns about every refused authentication attempt, so the host can audit them (unknown keys, bad signatures
/// from known keys). The client is told nothing more than "failure" either way.
/// </summary>
/// <remarks>
/// Called on the connection's task before the client gets its answer, so it should be quick; an exception ends that
/// connection. Unauthenticated clients cause these calls, up to MaxAuthTries per connection.
/// </remarks>
public interface IAuthenticationObserver
{
    ValueTask OnFailureAsync(AuthenticationFailure failure, CancellationToken cancellationToken);
}
