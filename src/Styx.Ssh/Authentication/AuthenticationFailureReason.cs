namespace Styx.Ssh.Authentication;

/// <summary>Why an authentication attempt was refused (what <see cref="IAuthenticationObserver"/> is told).</summary>
public enum AuthenticationFailureReason
{
    /// <summary>The authenticator did not allow the key (a key query or a signed request; the signature is then never checked).</summary>
    KeyNotAuthorized,

    /// <summary>The key is allowed, but the signature did not verify: someone holds the public key only, or something is broken.</summary>
    SignatureNotVerified,

    /// <summary>The attempt that reached the limit of failures (MaxAuthTries); the connection is dropped after it.</summary>
    TooManyFailures,
}
