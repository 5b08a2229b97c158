using System.Net;
using Styx.Ssh.Authentication;
using Styx.Ssh.Connection;
using Styx.Ssh.Transport;

namespace Styx.Ssh.Server;

/// <summary>Where the server listens and its limits (ssh-server.md §2.3); every limit has a default and a setting.</summary>
public sealed record SshServerOptions
{
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 2222);

    /// <summary>Time from TCP accept to successful authentication (OpenSSH LoginGraceTime, 120 s there).</summary>
    public TimeSpan LoginGraceTime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Unauthenticated connections kept at once. When a new one would exceed it, an unauthenticated connection picked
    /// at random is dropped (as OpenSSH's MaxStartups drops at random), so a flood of idle connections cannot lock
    /// real users out, nor be sure to push out a real login in progress.
    /// </summary>
    public int MaxUnauthenticated { get; init; } = 256;

    /// <summary>The same per source address (IPv4 /32, IPv6 /64); the one dropped is picked at random from that source.</summary>
    public int MaxUnauthenticatedPerSource { get; init; } = 32;

    /// <summary>Connections of any kind at once; beyond this new ones are closed at once, before any crypto.</summary>
    public int MaxConnections { get; init; } = 1024;

    /// <summary>
    /// Authenticated connections at once with the same key (fingerprint). Each can hold sessions and their screens,
    /// so one key (or one stolen key) cannot take the whole server; a person rarely needs more than a few.
    /// </summary>
    public int MaxConnectionsPerKey { get; init; } = 16;

    /// <summary>
    /// Authenticated connections at once from one source (IPv4 /32, IPv6 /64). Generous on purpose: behind
    /// <c>tailscale serve --tcp</c> every teammate arrives from 127.0.0.1.
    /// </summary>
    public int MaxAuthenticatedPerSource { get; init; } = 64;

    public SshTransportOptions Transport { get; init; } = new();

    public UserAuthOptions Authentication { get; init; } = new();

    public SshConnectionOptions Connection { get; init; } = new();
}
