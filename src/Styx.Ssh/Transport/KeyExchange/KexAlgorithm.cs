using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Kems;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport.KeyExchange;

/// <summary>The server side of one key exchange method: from the client's Q_C to Q_S and the encoded shared secret K.</summary>
internal abstract class KexAlgorithm
{
    public static KexAlgorithm For(string name) => name switch
    {
        AlgorithmNames.MlKem768X25519 => new MlKem768X25519Kex(),
        AlgorithmNames.Curve25519 or AlgorithmNames.Curve25519LibSsh => new Curve25519Kex(),
        _ => throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "unsupported key exchange " + name),
    };

    /// <summary>All three methods hash with SHA-256.</summary>
    public HashAlgorithmName Hash => HashAlgorithmName.SHA256;

    /// <summary>Q_S, and K already encoded as it enters the exchange hash and key derivation (mpint or string).</summary>
    public abstract (byte[] ServerPublic, byte[] EncodedSecret) Respond(ReadOnlySpan<byte> clientPublic);

    /// <summary>X25519 with a fresh server key; an all-zero result (a low-order client point) aborts (RFC 7748 §6.1).</summary>
    protected static (byte[] ServerPublic, byte[] Secret) X25519(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != 32)
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "X25519 public key is not 32 bytes");
        }

        var server = new X25519PrivateKeyParameters(new SecureRandom());
        var secret = new byte[32];
        try
        {
            server.GenerateSecret(new X25519PublicKeyParameters(clientPublic), secret);
        }
        catch (InvalidOperationException)
        {
            // BouncyCastle refuses to return the all-zero output of a low-order point.
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "X25519 shared secret is all zero (invalid client key)");
        }

        if (secret.All(b => b == 0))
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "X25519 shared secret is all zero (invalid client key)");
        }

        return (server.GeneratePublicKey().GetEncoded(), secret);
    }
}

/// <summary><c>curve25519-sha256</c> (RFC 8731): K is the X25519 output as an mpint.</summary>
internal sealed class Curve25519Kex : KexAlgorithm
{
    public override (byte[] ServerPublic, byte[] EncodedSecret) Respond(ReadOnlySpan<byte> clientPublic)
    {
        var (serverPublic, secret) = X25519(clientPublic);
        var encoded = new SshWriter().WriteMPIntUnsigned(secret).ToArray();
        CryptographicOperations.ZeroMemory(secret);
        return (serverPublic, encoded);
    }
}

/// <summary>
/// <c>mlkem768x25519-sha256</c> (draft-ietf-sshm-mlkem-hybrid-kex; OpenSSH kexmlkem768x25519.c): Q_C is the ML-KEM-768
/// encapsulation key (1184 B) then an X25519 key (32 B); Q_S is the ML-KEM ciphertext (1088 B) then the server's
/// X25519 key; K = SHA-256(ML-KEM secret ‖ X25519 secret), encoded as a string.
/// </summary>
internal sealed class MlKem768X25519Kex : KexAlgorithm
{
    private const int EncapsulationKeyLength = 1184;
    private const int CiphertextLength = 1088;

    public override (byte[] ServerPublic, byte[] EncodedSecret) Respond(ReadOnlySpan<byte> clientPublic)
    {
        if (clientPublic.Length != EncapsulationKeyLength + 32)
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, $"mlkem768x25519 client key is {clientPublic.Length} bytes, expected {EncapsulationKeyLength + 32}");
        }

        MLKemPublicKeyParameters encapsulationKey;
        try
        {
            encapsulationKey = MLKemPublicKeyParameters.FromEncoding(MLKemParameters.ml_kem_768, clientPublic[..EncapsulationKeyLength].ToArray());
        }
        catch (ArgumentException)
        {
            throw new SshProtocolException(DisconnectReason.KeyExchangeFailed, "invalid ML-KEM-768 encapsulation key");
        }

        var encapsulator = new MLKemEncapsulator(MLKemParameters.ml_kem_768);
        encapsulator.Init(new ParametersWithRandom(encapsulationKey, new SecureRandom()));
        var ciphertext = new byte[CiphertextLength];
        var kemSecret = new byte[32];
        encapsulator.Encapsulate(ciphertext, kemSecret);

        var (x25519Public, x25519Secret) = X25519(clientPublic[EncapsulationKeyLength..]);
        var combined = SHA256.HashData([.. kemSecret, .. x25519Secret]);
        CryptographicOperations.ZeroMemory(kemSecret);
        CryptographicOperations.ZeroMemory(x25519Secret);
        var encoded = new SshWriter().WriteString(combined).ToArray();
        CryptographicOperations.ZeroMemory(combined);
        return ([.. ciphertext, .. x25519Public], encoded);
    }
}
