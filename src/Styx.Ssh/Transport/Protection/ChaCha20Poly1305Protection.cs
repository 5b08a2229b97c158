using System.Buffers.Binary;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Parameters;

namespace Styx.Ssh.Transport.Protection;

/// <summary>
/// <c>chacha20-poly1305@openssh.com</c> (OpenSSH PROTOCOL.chacha20poly1305): a 64-byte key whose first half K_2
/// encrypts the payload and keys Poly1305, and whose second half K_1 encrypts the length. The nonce is the sequence
/// number; the Poly1305 key is block 0 of K_2's keystream; the payload starts at block 1. The tag covers the encrypted
/// length and payload and is checked before anything is decrypted. Built from BouncyCastle's ChaCha20 with the IETF
/// nonce <c>0⁴ ‖ seq(BE64)</c>, which gives the same keystream as the original 64-bit-nonce ChaCha20.
/// </summary>
internal sealed class ChaCha20Poly1305Protection(ReadOnlySpan<byte> key) : PacketProtection
{
    private readonly byte[] _payloadKey = key[..32].ToArray();
    private readonly byte[] _lengthKey = key[32..64].ToArray();

    public override int BlockSize => 8;

    public override int TagSize => 16;

    public override uint DecryptLength(uint sequence, ReadOnlySpan<byte> lengthField)
    {
        Span<byte> clear = stackalloc byte[4];
        Crypt(_lengthKey, sequence, 0, lengthField[..4], clear);
        return BinaryPrimitives.ReadUInt32BigEndian(clear);
    }

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        Crypt(_lengthKey, sequence, 0, packet[..4], packet[..4]);
        Crypt(_payloadKey, sequence, 1, packet[4..], packet[4..]);
        Poly1305Tag(sequence, packet, tag);
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[16];
        Poly1305Tag(sequence, packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Crypt(_lengthKey, sequence, 0, packet[..4], packet[..4]);
        Crypt(_payloadKey, sequence, 1, packet[4..], packet[4..]);
        return true;
    }

    private void Poly1305Tag(uint sequence, ReadOnlySpan<byte> packet, Span<byte> tag)
    {
        Span<byte> polyKey = stackalloc byte[32];
        Crypt(_payloadKey, sequence, 0, new byte[32], polyKey);
        var mac = new Poly1305();
        mac.Init(new KeyParameter(polyKey));
        mac.BlockUpdate(packet);
        mac.DoFinal(tag);
        CryptographicOperations.ZeroMemory(polyKey);
    }

    /// <summary>ChaCha20 with the sequence number as nonce, starting at the given 64-byte block.</summary>
    private static void Crypt(byte[] key, uint sequence, int block, ReadOnlySpan<byte> input, Span<byte> output)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), sequence);
        var engine = new ChaCha7539Engine();
        engine.Init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        if (block > 0)
        {
            // Move the block counter on by generating (and dropping) the skipped blocks' keystream.
            Span<byte> skipped = stackalloc byte[64];
            for (var i = 0; i < block; i++)
            {
                engine.ProcessBytes(skipped, skipped);
            }
        }

        engine.ProcessBytes(input, output);
    }

    public override void Dispose()
    {
        CryptographicOperations.ZeroMemory(_payloadKey);
        CryptographicOperations.ZeroMemory(_lengthKey);
    }
}
