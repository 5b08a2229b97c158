using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Styx.Ssh.Transport.Protection;

/// <summary>
/// <c>aes128-gcm@openssh.com</c> / <c>aes256-gcm@openssh.com</c> (RFC 5647 §7): the length stays clear and is the
/// associated data; the 12-byte nonce is a 4-byte fixed field and an 8-byte invocation counter, incremented after
/// every packet; the tag is 16 bytes.
/// </summary>
internal sealed class AesGcmProtection : PacketProtection
{
    private readonly AesGcm _gcm;
    private readonly byte[] _nonce;

    public AesGcmProtection(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv)
    {
        _gcm = new AesGcm(key, 16);
        _nonce = iv[..12].ToArray();
    }

    public override int BlockSize => 16;

    public override int TagSize => 16;

    public override uint DecryptLength(uint sequence, ReadOnlySpan<byte> lengthField) => BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
        _gcm.Encrypt(_nonce, packet[4..], packet[4..], tag, packet[..4]);
        NextNonce();
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag)
    {
        try
        {
            _gcm.Decrypt(_nonce, packet[4..], tag, packet[4..], packet[..4]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        NextNonce();
        return true;
    }

    private void NextNonce()
    {
        var counter = BinaryPrimitives.ReadUInt64BigEndian(_nonce.AsSpan(4));
        BinaryPrimitives.WriteUInt64BigEndian(_nonce.AsSpan(4), unchecked(counter + 1));
    }

    public override void Dispose() => _gcm.Dispose();
}
