namespace Styx.Ssh.Transport;

/// <summary>Limits of the transport layer (ssh-server.md §2.3).</summary>
public sealed record SshTransportOptions
{
    /// <summary>Our identification string, without CR LF (RFC 4253 §4.2).</summary>
    public string ServerVersion { get; init; } = "SSH-2.0-Styx_1.0";

    /// <summary>Largest <c>packet_length</c> accepted: OpenSSH's 256 KiB (RFC 4253 §6.1 requires at least 35000).</summary>
    public int MaxPacketLength { get; init; } = 256 * 1024;

    /// <summary>The server starts a new key exchange after this many bytes in either direction (RFC 4253 §9).</summary>
    public long RekeyAfterBytes { get; init; } = 1L << 30;

    /// <summary>...or after this long.</summary>
    public TimeSpan RekeyAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// ...or after this many packets in either direction: 2^31, as RFC 4344 §3.1 advises and OpenSSH does. Without
    /// strict KEX sequence numbers run on across key exchanges, and at 2^32 packets under one key they would repeat
    /// (chacha20-poly1305 uses the sequence number as its nonce).
    /// </summary>
    public long RekeyAfterPackets { get; init; } = 1L << 31;

    /// <summary>Longest identification line accepted from the client (OpenSSH allows 8192).</summary>
    public int MaxVersionLineLength { get; init; } = 8192;
}
