namespace Styx.Ssh.Authentication;

/// <summary>
/// Who logged in: the user name sent, the fingerprint of the key whose signature verified, and whatever the host's
/// authenticator attached (for Styx: the person and role from the keys file).
/// </summary>
public sealed record SshIdentity(string UserName, string KeyFingerprint, object? Principal);
