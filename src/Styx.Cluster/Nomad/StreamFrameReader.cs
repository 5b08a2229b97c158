using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Reads Nomad's log stream: JSON objects written back to back with no separator (<c>{…}{…}</c>), split across
/// network reads at any byte. Whitespace and commas between objects are skipped (the docs print them that way).
/// </summary>
public static class StreamFrameReader
{
    /// <summary>A frame larger than this is not a log frame (Nomad sends at most 64 KiB of data per frame).</summary>
    private const int MaxFrameBytes = 4 * 1024 * 1024;

    public static async IAsyncEnumerable<StreamFrame> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var start = 0;
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            // Compact: drop what was consumed before appending.
            if (start > 0)
            {
                var rest = buffer.WrittenSpan[start..].ToArray();
                buffer.Clear();
                buffer.Write(rest);
                start = 0;
            }

            buffer.Write(chunk.AsSpan(0, read));
            while (TryReadFrame(buffer.WrittenSpan[start..], out var frame, out var consumed))
            {
                start += consumed;
                if (frame is not null)
                {
                    yield return frame;
                }
            }

            if (buffer.WrittenCount - start > MaxFrameBytes)
            {
                throw new InvalidDataException($"a log frame exceeded {MaxFrameBytes} bytes; this is not a Nomad log stream");
            }
        }
    }

    /// <summary>Parses one complete frame at the start of <paramref name="data"/>, if there is one.</summary>
    /// <returns>False when more bytes are needed. <paramref name="frame"/> is null when only separators were consumed.</returns>
    public static bool TryReadFrame(ReadOnlySpan<byte> data, out StreamFrame? frame, out int consumed)
    {
        frame = null;
        var skip = 0;
        while (skip < data.Length && data[skip] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)',')
        {
            skip++;
        }

        if (skip == data.Length)
        {
            consumed = skip;
            return skip > 0;
        }

        if (data[skip] != (byte)'{')
        {
            throw new InvalidDataException($"expected a JSON frame, found byte 0x{data[skip]:x2}");
        }

        var reader = new Utf8JsonReader(data[skip..], isFinalBlock: false, state: default);
        if (!reader.Read() || !reader.TrySkip())
        {
            consumed = 0;
            return false;
        }

        var length = (int)reader.BytesConsumed;
        frame = JsonSerializer.Deserialize<StreamFrame>(data.Slice(skip, length), NomadJson.Options) ?? new StreamFrame();
        consumed = skip + length;
        return true;
    }
}
