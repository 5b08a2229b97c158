using System.Net;

namespace Styx.Ssh.Authentication;

/// <summary>
/// One refused authentication attempt. The user name is the client's text, unchecked. The key is the public key the
/// client offered (never anything secret); null when the attempt named no usable key.
/// </summary>
/// <param name="Signed">Whether the request carried a signature (false for a key query, RFC 4252 §7).</param>
public sealed record AuthenticationFailure(string UserName, SshPublicKey? Key, IPEndPoint? Remote, AuthenticationFailureReason Reason, bool Signed)
{
    public string? KeyFingerprint => Key?.Fingerprint;

    public string? KeyType => Key?.Type;

    /// <summary>The reason in words, for logs and audit records.</summary>
    public string Description => Reason switch
    {
        AuthenticationFailureReason.KeyNotAuthorized => "key not authorized",
        AuthenticationFailureReason.SignatureNotVerified => "signature did not verify",
        _ => "too many failures",
    };
}
