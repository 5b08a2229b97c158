using System.Collections.Immutable;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Ssh.Authentication;
using Styx.Tui.Access;

namespace Styx.Tui.Hosting;

/// <summary>
/// Audits refused logins as <c>login.refused</c>: a key the keys file does not list, a listed key whose signature
/// did not verify (someone holds only the public key), and a listed key from an address its <c>from=</c> does not
/// allow. Only the fingerprint is recorded, never the key. The limit of failures is left to the SSH server's log:
/// each attempt already has its record.
/// </summary>
internal sealed class RefusedLoginAudit(AuthorizedKeysFile keys, IAuditLog audit, TimeProvider time) : IAuthenticationObserver
{
    /// <summary>The client chooses the SSH user name: keep the record small whatever it sends.</summary>
    private const int MaxUserNameLength = 64;

    public ValueTask OnFailureAsync(AuthenticationFailure failure, CancellationToken cancellationToken)
    {
        if (failure.Key is not { } key || failure.Reason == AuthenticationFailureReason.TooManyFailures)
        {
            return ValueTask.CompletedTask;
        }

        var entry = keys.Find(key.Blob);
        var error = entry is null ? "unknown key"
            : failure.Reason == AuthenticationFailureReason.SignatureNotVerified ? "signature did not verify"
            // KeysFileAuthenticator refuses a listed key only for its address.
            : "source address not allowed by from=";
        var address = failure.Remote?.Address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : failure.Remote?.Address;
        var userName = failure.UserName.Length > MaxUserNameLength ? failure.UserName[..MaxUserNameLength] : failure.UserName;
        audit.Write(new AuditRecord(
            time.GetUtcNow(),
            entry?.Name ?? "unknown key",
            key.Fingerprint,
            entry?.Role.ToName() ?? "",
            address?.ToString(),
            "login.refused",
            "ssh login",
            ImmutableDictionary<string, string>.Empty.Add("keyType", key.Type).Add("sshUser", userName),
            AuditOutcome.Refused,
            error));
        return ValueTask.CompletedTask;
    }
}
