namespace Styx.Ssh.Transport.Protection;

/// <summary>
/// Encryption and integrity for one direction of the binary packet protocol (RFC 4253 §6). A packet buffer holds
/// <c>uint32 packet_length ‖ byte padding_length ‖ payload ‖ padding</c>; the tag (AEAD tag or ETM MAC) travels after it.
/// Every mode Styx offers keeps the alignment off the length field (OpenSSH's "aadlen"), so
/// <c>packet_length % <see cref="BlockSize"/> == 0</c>.
/// </summary>
internal abstract class PacketProtection : IDisposable
{
    /// <summary>The alignment of <c>packet_length</c> (8 for none and ChaCha20, 16 for AES).</summary>
    public abstract int BlockSize { get; }

    /// <summary>Bytes after the packet: the Poly1305/GCM tag or the MAC.</summary>
    public abstract int TagSize { get; }

    /// <summary>
    /// Whether the length field counts toward the alignment (RFC 4253 §6: <c>4 + packet_length</c> is a multiple of
    /// the block size). Only <c>none</c> does; AEAD and ETM modes align <c>packet_length</c> alone.
    /// </summary>
    public virtual bool AlignmentIncludesLength => false;

    /// <summary>Reads <c>packet_length</c> from the first four bytes (decrypting them for ChaCha20).</summary>
    public abstract uint DecryptLength(uint sequence, ReadOnlySpan<byte> lengthField);

    /// <summary>Encrypts <paramref name="packet"/> in place and writes the tag.</summary>
    public abstract void Seal(uint sequence, Span<byte> packet, Span<byte> tag);

    /// <summary>Checks the tag, then decrypts in place; false when the tag is wrong (nothing is decrypted then).</summary>
    public abstract bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag);

    public virtual void Dispose()
    {
    }
}

/// <summary>The <c>none</c> protection in force until the first NEWKEYS.</summary>
internal sealed class NoProtection : PacketProtection
{
    public static readonly NoProtection Instance = new();

    public override int BlockSize => 8;

    public override int TagSize => 0;

    public override bool AlignmentIncludesLength => true;

    public override uint DecryptLength(uint sequence, ReadOnlySpan<byte> lengthField) =>
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(lengthField);

    public override void Seal(uint sequence, Span<byte> packet, Span<byte> tag)
    {
    }

    public override bool Open(uint sequence, Span<byte> packet, ReadOnlySpan<byte> tag) => true;
}
