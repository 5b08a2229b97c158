using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Styx.Ssh.Wire;

/// <summary>
/// Reads the RFC 4251 §5 data types (byte, boolean, uint32, uint64, string, mpint, name-list) from a payload.
/// </summary>
/// <remarks>
/// Every read is bounds-checked: short or malformed input throws <see cref="SshProtocolException"/> with
/// <see cref="DisconnectReason.ProtocolError"/>, never <see cref="IndexOutOfRangeException"/>, so a message parser fed
/// arbitrary bytes either returns a message or throws that one exception type.
/// </remarks>
public ref struct SshReader
{
    private ReadOnlySpan<byte> _data;

    public SshReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => _data.Length;

    public byte ReadByte()
    {
        Need(1, "byte");
        var value = _data[0];
        _data = _data[1..];
        return value;
    }

    /// <summary>RFC 4251 §5: any non-zero value is TRUE.</summary>
    public bool ReadBoolean() => ReadByte() != 0;

    public uint ReadUInt32()
    {
        Need(4, "uint32");
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data);
        _data = _data[4..];
        return value;
    }

    public ulong ReadUInt64()
    {
        Need(8, "uint64");
        var value = BinaryPrimitives.ReadUInt64BigEndian(_data);
        _data = _data[8..];
        return value;
    }

    /// <summary>Reads <paramref name="count"/> raw bytes (no length prefix).</summary>
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            throw SshProtocolException.Malformed("negative length");
        }

        Need(count, "bytes");
        var value = _data[..count];
        _data = _data[count..];
        return value;
    }

    /// <summary>A length-prefixed binary string (RFC 4251 §5 "string").</summary>
    public ReadOnlySpan<byte> ReadString()
    {
        var length = ReadUInt32();
        if (length > (uint)_data.Length)
        {
            throw SshProtocolException.Malformed($"string of {length} bytes with only {_data.Length} left");
        }

        return ReadBytes((int)length);
    }

    /// <summary>A string holding UTF-8 text (RFC 4251 §5: user names, descriptions, terminal types).</summary>
    public string ReadUtf8String()
    {
        var bytes = ReadString();
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw SshProtocolException.Malformed("string is not valid UTF-8");
        }
    }

    /// <summary>A string holding US-ASCII (algorithm, service, method and request names).</summary>
    public string ReadAsciiString()
    {
        var bytes = ReadString();
        foreach (var b in bytes)
        {
            if (b is < 0x20 or > 0x7e)
            {
                throw SshProtocolException.Malformed("name contains a non-printable or non-ASCII byte");
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>
    /// A comma-separated name-list (RFC 4251 §5). Names must be non-empty and printable ASCII without commas.
    /// </summary>
    /// <param name="maxLength">Upper bound on the encoded length, so a hostile peer cannot make us split megabytes.</param>
    public string[] ReadNameList(int maxLength = MaxNameListLength)
    {
        var length = ReadUInt32();
        if (length > (uint)maxLength)
        {
            throw SshProtocolException.Malformed($"name-list of {length} bytes exceeds {maxLength}");
        }

        var bytes = ReadBytes((int)length);
        if (bytes.IsEmpty)
        {
            return [];
        }

        foreach (var b in bytes)
        {
            if (b is < 0x21 or > 0x7e)
            {
                throw SshProtocolException.Malformed("name-list contains a byte outside printable ASCII");
            }
        }

        var names = Encoding.ASCII.GetString(bytes).Split(',');
        if (Array.Exists(names, n => n.Length == 0))
        {
            throw SshProtocolException.Malformed("name-list contains an empty name");
        }

        return names;
    }

    /// <summary>
    /// An mpint (RFC 4251 §5): two's complement, big-endian. Returns the raw magnitude-with-sign bytes as sent.
    /// </summary>
    public ReadOnlySpan<byte> ReadMPIntBytes() => ReadString();

    /// <summary>An mpint as a <see cref="BigInteger"/>.</summary>
    public BigInteger ReadMPInt()
    {
        var bytes = ReadString();
        return bytes.IsEmpty ? BigInteger.Zero : new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
    }

    /// <summary>Fails unless every byte has been consumed; call at the end of a fixed-layout message.</summary>
    public readonly void EnsureEnd()
    {
        if (!_data.IsEmpty)
        {
            throw SshProtocolException.Malformed($"{_data.Length} unexpected trailing bytes");
        }
    }

    /// <summary>Everything not yet read, consuming it (for messages whose tail is type-specific data).</summary>
    public ReadOnlySpan<byte> ReadRemaining()
    {
        var rest = _data;
        _data = [];
        return rest;
    }

    private readonly void Need(int count, string what)
    {
        if (_data.Length < count)
        {
            throw SshProtocolException.Malformed($"truncated {what}: needed {count} bytes, {_data.Length} left");
        }
    }

    /// <summary>Bound for name-lists: OpenSSH's longest KEXINIT list is well under 1 KiB; 64 KiB leaves room.</summary>
    public const int MaxNameListLength = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
