using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.HostKeys;

/// <summary>An <c>ssh-ed25519</c> host key (RFC 8709), signing with BouncyCastle.</summary>
public sealed class Ed25519HostKey : IHostKey
{
    private readonly Ed25519PrivateKeyParameters _privateKey;

    public Ed25519HostKey(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException("an Ed25519 private key is a 32-byte seed", nameof(seed));
        }

        _privateKey = new Ed25519PrivateKeyParameters(seed);
        PublicKey = _privateKey.GeneratePublicKey().GetEncoded();
        PublicKeyBlob = new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(PublicKey).ToArray();
    }

    public static Ed25519HostKey Generate() => new(new Ed25519PrivateKeyParameters(new SecureRandom()).GetEncoded());

    public string Algorithm => AlgorithmNames.Ed25519;

    public ReadOnlyMemory<byte> PublicKeyBlob { get; }

    /// <summary>The 32-byte public key.</summary>
    public byte[] PublicKey { get; }

    /// <summary>The 32-byte private seed, for saving the key file. Wipe copies after use.</summary>
    internal byte[] ExportSeed() => _privateKey.GetEncoded();

    /// <summary>OpenSSH's fingerprint: <c>SHA256:</c> and unpadded base64 of SHA-256 of the blob.</summary>
    public string Fingerprint => FormatFingerprint(PublicKeyBlob.Span);

    public static string FormatFingerprint(ReadOnlySpan<byte> blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _privateKey);
        signer.BlockUpdate(data);
        var signature = signer.GenerateSignature();
        return new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(signature).ToArray();
    }
}
