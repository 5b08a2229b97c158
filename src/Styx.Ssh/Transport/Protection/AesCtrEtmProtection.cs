using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Styx.Ssh.Transport.Protection;

/// <summary>
/// <c>aes128-ctr</c> / <c>aes256-ctr</c> (RFC 4344 §4) with an encrypt-then-MAC HMAC
/// (<c>hmac-sha2-256-etm@openssh.com</c>, <c>hmac-sha2-512-etm@openssh.com</c>, OpenSSH PROTOCOL §1.7): the length
/// stays clear; MAC = HMAC(seq ‖ packet_length ‖ ciphertext). The BCL has no CTR mode, so the keystream is AES-ECB of
/// a 128-bit big-endian counter that continues across packets.
/// </summary>
internal sealed class AesCtrEtmProtection : PacketProtection
{
    private readonly Aes _aes;
    private readonly byte[] _counter;
    private readonly byte[] _macKey;
    private readonly HashAlgorithmName _macHash;
    private readonly int _macSize;

    public AesCtrEtmProtection(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> macKey, HashAlgorithmName macHash)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _counter = iv[..16].ToArray();
        _macKey = macKey.ToArray();
        _macHash = macHash;
        _macSize = macHash == HashAlgorithmName.SHA512 ? 64 : 32;
    }

    public override int BlockSize => 16;

    public override int TagSize => _macSize;

    public override uint DecryptLength(uint sequence, ReadOnlySpan<byte> lengthField) => BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        Transform(packet[4..]);
        Mac(sequence, packet, tag);
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[_macSize];
        Mac(sequence, packet, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Transform(packet[4..]);
        return true;
    }

    private void Mac(uint sequence, ReadOnlySpan<byte> packet, Span<byte> tag)
    {
        using var hmac = IncrementalHash.CreateHMAC(_macHash, _macKey);
        Span<byte> seq = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(seq, sequence);
        hmac.AppendData(seq);
        hmac.AppendData(packet);
        hmac.GetHashAndReset(tag);
    }

    /// <summary>XORs the keystream into <paramref name="data"/>, whose length is a multiple of 16 (the packet alignment).</summary>
    private void Transform(Span<byte> data)
    {
        var blocks = data.Length / 16;
        var counters = new byte[blocks * 16];
        for (var i = 0; i < blocks; i++)
        {
            _counter.CopyTo(counters, i * 16);
            Increment();
        }

        var keystream = _aes.EncryptEcb(counters, PaddingMode.None);
        for (var i = 0; i < data.Length; i++)
        {
            data[i] ^= keystream[i];
        }
    }

    private void Increment()
    {
        for (var i = 15; i >= 0; i--)
        {
            if (++_counter[i] != 0)
            {
                break;
            }
        }
    }

    public override void Dispose()
    {
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(_macKey);
    }
}
