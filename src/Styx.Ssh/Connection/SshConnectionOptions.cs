namespace Styx.Ssh.Connection;

/// <summary>Limits of the connection protocol (ssh-server.md §2.3).</summary>
public sealed record SshConnectionOptions
{
    /// <summary>Session channels open at once per connection (OpenSSH MaxSessions is 10; a TUI needs one or two).</summary>
    public int MaxSessions { get; init; } = 4;

    /// <summary>Window we grant per channel (OpenSSH grants 2 MiB).</summary>
    public uint InitialWindow { get; init; } = 2 * 1024 * 1024;

    /// <summary>Largest data packet we accept (OpenSSH: 32 KiB).</summary>
    public uint MaxPacket { get; init; } = 32 * 1024;

    /// <summary>A keepalive is sent after this long without anything from the client (OpenSSH ClientAliveInterval); zero turns it off.</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Unanswered keepalives before the connection is dropped (ClientAliveCountMax).</summary>
    public int KeepAliveCountMax { get; init; } = 3;

    /// <summary>A connection without any channel for this long is closed (OpenSSH UnusedConnectionTimeout); zero turns it off.</summary>
    public TimeSpan UnusedConnectionTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>No data from the client for this long ends the connection; zero turns it off. Keepalive replies do not count.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromHours(12);
}
