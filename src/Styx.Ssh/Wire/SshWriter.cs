using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Styx.Ssh.Wire;

/// <summary>
/// Writes the RFC 4251 §5 data types into a growable buffer. Not thread-safe; one writer per message.
/// </summary>
public sealed class SshWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public SshWriter(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.WrittenMemory;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public SshWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public SshWriter WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public SshWriter WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public SshWriter WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>Raw bytes, no length prefix.</summary>
    public SshWriter WriteBytes(ReadOnlySpan<byte> value)
    {
        _buffer.Write(value);
        return this;
    }

    /// <summary>A length-prefixed binary string.</summary>
    public SshWriter WriteString(ReadOnlySpan<byte> value)
    {
        WriteUInt32((uint)value.Length);
        return WriteBytes(value);
    }

    public SshWriter WriteUtf8String(string value) => WriteString(Encoding.UTF8.GetBytes(value));

    public SshWriter WriteAsciiString(string value) => WriteString(Encoding.ASCII.GetBytes(value));

    public SshWriter WriteNameList(IEnumerable<string> names) => WriteAsciiString(string.Join(',', names));

    /// <summary>
    /// An mpint from an unsigned big-endian magnitude (RFC 4251 §5): leading zero bytes are stripped, a 0x00 is
    /// prepended when the top bit is set, and zero is the empty string (ssh-server.md pitfall 1).
    /// </summary>
    public SshWriter WriteMPIntUnsigned(ReadOnlySpan<byte> magnitude)
    {
        var start = 0;
        while (start < magnitude.Length && magnitude[start] == 0)
        {
            start++;
        }

        var trimmed = magnitude[start..];
        if (trimmed.IsEmpty)
        {
            return WriteUInt32(0);
        }

        var pad = (trimmed[0] & 0x80) != 0;
        WriteUInt32((uint)(trimmed.Length + (pad ? 1 : 0)));
        if (pad)
        {
            WriteByte(0);
        }

        return WriteBytes(trimmed);
    }

    public SshWriter WriteMPInt(BigInteger value)
    {
        if (value.IsZero)
        {
            return WriteUInt32(0);
        }

        return WriteString(value.ToByteArray(isUnsigned: false, isBigEndian: true));
    }
}
