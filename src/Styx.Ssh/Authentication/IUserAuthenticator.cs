using System.Net;

namespace Styx.Ssh.Authentication;

/// <summary>
/// The host's decision on public keys. Called for key queries and for signed requests alike; a signed request
/// succeeds only if this allows the key and the signature by that same key verifies.
/// </summary>
public interface IUserAuthenticator
{
    /// <returns>The identity for this key, or null when the key may not log in (the client only ever sees "failure").</returns>
    ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken);
}
