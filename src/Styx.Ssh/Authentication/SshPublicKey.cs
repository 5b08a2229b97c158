using System.Numerics;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Authentication;

/// <summary>
/// A user's public key as sent in USERAUTH_REQUEST (RFC 4252 §7): Ed25519 (RFC 8709), ECDSA P-256/384/521
/// (RFC 5656) or RSA ≥ 2048 bits with SHA-2 signatures only (RFC 8332).
/// </summary>
public sealed class SshPublicKey
{
    /// <summary>RSA keys below this are refused (OpenSSH accepts 1024; Styx does not).</summary>
    public const int MinimumRsaBits = 2048;

    /// <summary>
    /// RSA keys above this are refused before any signature work: verification cost grows with the modulus, and
    /// OpenSSH refuses larger keys too (<c>SSH_RSA_MAXIMUM_MODULUS_SIZE</c>).
    /// </summary>
    public const int MaximumRsaBits = 16384;

    private readonly byte[] _ed25519 = [];
    private readonly ECParameters? _ec;
    private readonly RSAParameters? _rsa;

    private SshPublicKey(string type, byte[] blob)
    {
        Type = type;
        Blob = blob;
    }

    private SshPublicKey(string type, byte[] blob, byte[] ed25519) : this(type, blob) => _ed25519 = ed25519;

    private SshPublicKey(string type, byte[] blob, ECParameters ec) : this(type, blob) => _ec = ec;

    private SshPublicKey(string type, byte[] blob, RSAParameters rsa) : this(type, blob) => _rsa = rsa;

    /// <summary>The key type, e.g. <c>ssh-ed25519</c>, <c>ecdsa-sha2-nistp256</c>, <c>ssh-rsa</c>.</summary>
    public string Type { get; }

    /// <summary>The exact wire blob; authorized keys are matched on these bytes.</summary>
    public byte[] Blob { get; }

    /// <summary><c>SHA256:…</c> as <c>ssh-keygen -l</c> prints it.</summary>
    public string Fingerprint => Ed25519HostKey.FormatFingerprint(Blob);

    /// <summary>Parses a key blob; throws <see cref="SshProtocolException"/> for anything malformed or unsupported.</summary>
    public static SshPublicKey Parse(ReadOnlySpan<byte> blob)
    {
        var reader = new SshReader(blob);
        var type = reader.ReadAsciiString();
        switch (type)
        {
            case AlgorithmNames.Ed25519:
            {
                var key = reader.ReadString();
                reader.EnsureEnd();
                if (key.Length != 32)
                {
                    throw SshProtocolException.Malformed("ssh-ed25519 key is not 32 bytes");
                }

                try
                {
                    // Rejects encodings that are not a point on the curve (found by the fuzzer: an all-zero key).
                    _ = new Ed25519PublicKeyParameters(key);
                }
                catch (ArgumentException)
                {
                    throw SshProtocolException.Malformed("ssh-ed25519 key is not a valid point");
                }

                return new SshPublicKey(type, blob.ToArray(), key.ToArray());
            }

            case AlgorithmNames.EcdsaP256 or AlgorithmNames.EcdsaP384 or AlgorithmNames.EcdsaP521:
            {
                var curveName = reader.ReadAsciiString();
                var point = reader.ReadString();
                reader.EnsureEnd();
                var (curve, size) = type switch
                {
                    AlgorithmNames.EcdsaP256 => (ECCurve.NamedCurves.nistP256, 32),
                    AlgorithmNames.EcdsaP384 => (ECCurve.NamedCurves.nistP384, 48),
                    _ => (ECCurve.NamedCurves.nistP521, 66),
                };
                if ("ecdsa-sha2-" + curveName != type || point.Length != 1 + 2 * size || point[0] != 4)
                {
                    throw SshProtocolException.Malformed($"{type} key has a bad curve name or point encoding");
                }

                var parameters = new ECParameters { Curve = curve, Q = new ECPoint { X = point[1..(1 + size)].ToArray(), Y = point[(1 + size)..].ToArray() } };
                try
                {
                    // Rejects points that are not on the curve.
                    using var check = ECDsa.Create(parameters);
                }
                catch (CryptographicException)
                {
                    throw SshProtocolException.Malformed($"{type} key is not a point on the curve");
                }

                return new SshPublicKey(type, blob.ToArray(), parameters);
            }

            case AlgorithmNames.Rsa:
            {
                var exponent = TrimLeadingZeros(reader.ReadMPIntBytes());
                var modulus = TrimLeadingZeros(reader.ReadMPIntBytes());
                reader.EnsureEnd();
                // Counted in bits after the leading zero bytes are gone: a 2047-bit modulus is 256 bytes too.
                var bits = BitLength(modulus);
                if (bits < MinimumRsaBits || bits > MaximumRsaBits)
                {
                    throw new SshProtocolException(DisconnectReason.ProtocolError, $"RSA key of {bits} bits is outside {MinimumRsaBits} to {MaximumRsaBits} bits");
                }

                // Our choice, not a standard's: every real key uses a small odd exponent (65537, rarely 3), while a
                // huge one multiplies the cost of each signature check an unauthenticated client can ask for. Odd, at
                // least 3 and at most 32 bits; Windows' CNG would not import a wider exponent anyway.
                if (exponent.Length is 0 or > 4 || (exponent[^1] & 1) == 0 || (exponent.Length == 1 && exponent[0] < 3))
                {
                    throw new SshProtocolException(DisconnectReason.ProtocolError, $"RSA public exponent of {BitLength(exponent)} bits is not a small odd number (3 to 2^32-1)");
                }

                return new SshPublicKey(type, blob.ToArray(), new RSAParameters { Exponent = exponent, Modulus = modulus });
            }

            default:
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"unsupported public key type {SshTransport.Sanitize(type)}");
        }
    }

    /// <summary>Whether <paramref name="algorithm"/> is a signature algorithm for this key type (no SHA-1 <c>ssh-rsa</c>).</summary>
    public bool AcceptsAlgorithm(string algorithm) => Type switch
    {
        AlgorithmNames.Rsa => algorithm is AlgorithmNames.RsaSha256 or AlgorithmNames.RsaSha512,
        _ => algorithm == Type,
    };

    /// <summary>
    /// Verifies a signature blob (<c>string algorithm ‖ string signature</c>) over <paramref name="data"/>. The blob's
    /// algorithm must equal <paramref name="algorithm"/>, and that must suit this key. Never throws for bad input.
    /// </summary>
    public bool Verify(string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signatureBlob)
    {
        if (!AcceptsAlgorithm(algorithm))
        {
            return false;
        }

        try
        {
            var reader = new SshReader(signatureBlob);
            if (reader.ReadAsciiString() != algorithm)
            {
                return false;
            }

            var signature = reader.ReadString();
            reader.EnsureEnd();
            return Type switch
            {
                AlgorithmNames.Ed25519 => VerifyEd25519(data, signature),
                AlgorithmNames.Rsa => VerifyRsa(algorithm, data, signature),
                _ => VerifyEcdsa(data, signature),
            };
        }
        catch (SshProtocolException)
        {
            return false;
        }
        catch (CryptographicException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private bool VerifyEd25519(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(_ed25519));
        verifier.BlockUpdate(data);
        return verifier.VerifySignature(signature.ToArray());
    }

    private bool VerifyRsa(string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var parameters = _rsa!.Value;
        var size = parameters.Modulus!.Length;
        if (signature.Length > size)
        {
            return false;
        }

        // Some signers strip leading zero bytes; .NET wants the full modulus width (ssh-server.md pitfall 10).
        var padded = new byte[size];
        signature.CopyTo(padded.AsSpan(size - signature.Length));
        using var rsa = RSA.Create(parameters);
        var hash = algorithm == AlgorithmNames.RsaSha512 ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256;
        return rsa.VerifyData(data, padded, hash, RSASignaturePadding.Pkcs1);
    }

    private bool VerifyEcdsa(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var parameters = _ec!.Value;
        var size = parameters.Q.X!.Length;
        var reader = new SshReader(signature);
        var r = TrimLeadingZeros(reader.ReadMPIntBytes());
        var s = TrimLeadingZeros(reader.ReadMPIntBytes());
        reader.EnsureEnd();
        if (r.Length > size || s.Length > size)
        {
            return false;
        }

        // SSH sends (mpint r, mpint s); .NET verifies the fixed-width r ‖ s form (IEEE P1363).
        var fixedWidth = new byte[2 * size];
        r.CopyTo(fixedWidth.AsSpan(size - r.Length));
        s.CopyTo(fixedWidth.AsSpan(2 * size - s.Length));
        var hash = Type switch
        {
            AlgorithmNames.EcdsaP256 => HashAlgorithmName.SHA256,
            AlgorithmNames.EcdsaP384 => HashAlgorithmName.SHA384,
            _ => HashAlgorithmName.SHA512,
        };
        using var ecdsa = ECDsa.Create(parameters);
        return ecdsa.VerifyData(data, fixedWidth, hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>The bit length of a big-endian magnitude with no leading zero bytes.</summary>
    private static int BitLength(ReadOnlySpan<byte> magnitude) =>
        magnitude.IsEmpty ? 0 : magnitude.Length * 8 - BitOperations.LeadingZeroCount(magnitude[0]) + 24;

    private static byte[] TrimLeadingZeros(ReadOnlySpan<byte> value)
    {
        var start = 0;
        while (start < value.Length && value[start] == 0)
        {
            start++;
        }

        return value[start..].ToArray();
    }
}
