using System.Collections.Immutable;
using System.Net;
using Styx.Cluster.Access;

namespace Styx.Tui.Access;

/// <summary>
/// One entry of <c>keys/authorized_keys</c> (DESIGN.md §8): a public key, who it belongs to, the role it grants and
/// the addresses it may come from.
/// </summary>
/// <param name="KeyType">The key type as written, e.g. <c>ssh-ed25519</c>.</param>
/// <param name="Blob">The public key blob (RFC 4253 §6.6), compared byte for byte with the key a client signs with.</param>
/// <param name="Fingerprint"><c>SHA256:</c> and the unpadded base64 of the blob's SHA-256, as <c>ssh-keygen -l</c> prints.</param>
/// <param name="Name">The person: the line's comment, or the key type and fingerprint when there is none.</param>
/// <param name="Role">From <c>role="…"</c>; viewer when absent.</param>
/// <param name="From">From <c>from="…"</c>: the address patterns the key may log in from; empty means anywhere.</param>
/// <param name="LineNumber">Where it is in the file, for messages.</param>
public sealed record AuthorizedKey(
    string KeyType,
    ImmutableArray<byte> Blob,
    string Fingerprint,
    string Name,
    Role Role,
    ImmutableArray<AddressPattern> From,
    int LineNumber)
{
    /// <summary>Whether a client at <paramref name="address"/> may use this key (OpenSSH pattern-list semantics: a
    /// negated match refuses outright; otherwise at least one positive pattern must match).</summary>
    public bool AllowsAddress(IPAddress? address)
    {
        if (From.IsEmpty)
        {
            return true;
        }

        if (address is null)
        {
            return false;
        }

        var allowed = false;
        foreach (var pattern in From)
        {
            if (!pattern.Matches(address))
            {
                continue;
            }

            if (pattern.Negated)
            {
                return false;
            }

            allowed = true;
        }

        return allowed;
    }
}
