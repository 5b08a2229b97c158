namespace Styx.Ssh.Authentication;

/// <summary>Limits of user authentication (ssh-server.md §2.3).</summary>
public sealed record UserAuthOptions
{
    /// <summary>Failed attempts (including refused key queries) before the connection is dropped; OpenSSH's MaxAuthTries.</summary>
    public int MaxAuthTries { get; init; } = 6;

    /// <summary>Requests of any kind before the connection is dropped (Go caps at 128).</summary>
    public int MaxAuthRequests { get; init; } = 32;
}
