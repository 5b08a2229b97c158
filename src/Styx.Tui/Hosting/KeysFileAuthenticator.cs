using System.Net;
using Styx.Cluster.Access;
using Styx.Ssh.Authentication;
using Styx.Tui.Access;

namespace Styx.Tui.Hosting;

/// <summary>
/// Public keys are allowed by <c>keys/authorized_keys</c> (DESIGN.md §8): the key must be listed and its
/// <c>from=</c> pattern, if any, must match the client's address. The session's <see cref="Caller"/> carries the
/// key's name and role as they were at login, so a later edit of the file applies to the next session only.
/// </summary>
internal sealed class KeysFileAuthenticator(AuthorizedKeysFile keys) : IUserAuthenticator
{
    public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken)
    {
        var entry = keys.Find(key.Blob);
        var address = remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : remote?.Address;
        if (entry is null || !entry.AllowsAddress(address))
        {
            return ValueTask.FromResult<SshIdentity?>(null);
        }

        var caller = new Caller(entry.Name, key.Fingerprint, entry.Role, address);
        return ValueTask.FromResult<SshIdentity?>(new SshIdentity(userName, key.Fingerprint, caller));
    }
}
