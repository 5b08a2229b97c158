namespace Styx.Ssh.HostKeys;

/// <summary>The server's host key: its public blob (K_S) and signatures over exchange hashes (RFC 4253 §8).</summary>
public interface IHostKey
{
    /// <summary>The key type name, e.g. <c>ssh-ed25519</c>.</summary>
    string Algorithm { get; }

    /// <summary>The public key blob as sent in KEX replies and written in known_hosts.</summary>
    ReadOnlyMemory<byte> PublicKeyBlob { get; }

    /// <summary>A signature blob (<c>string algorithm ‖ string signature</c>) over <paramref name="data"/>.</summary>
    byte[] Sign(ReadOnlySpan<byte> data);
}
