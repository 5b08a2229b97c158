namespace Styx.Demo.Model;

/// <summary>
/// One log file of a task (<c>alloc/logs/&lt;task&gt;.stdout.0</c> or <c>.stderr.0</c>): append-only lines with
/// strictly increasing timestamps and growing byte offsets. Only the newest <c>retentionBytes</c> are kept, as Nomad's
/// log rotation keeps only the newest files; offsets keep growing past what was dropped, so a reader's offset stays
/// valid. Finding a line by offset or by time is a binary search, so a reader pays for what it reads, not for the
/// whole log. Not thread-safe: <see cref="DemoLogStore"/> guards it.
/// </summary>
internal sealed class DemoLogFile(long retentionBytes)
{
    private readonly List<DemoLogLine> _lines = [];
    private int _head;
    private long _retained;

    /// <summary>Offset of the oldest byte still kept.</summary>
    public long StartOffset => _head < _lines.Count ? _lines[_head].Offset : EndOffset;

    /// <summary>The file's size: the offset the next line will start at.</summary>
    public long EndOffset { get; private set; }

    /// <summary>The newest line's timestamp (0 when empty).</summary>
    public long LastNs { get; private set; }

    /// <summary>Lines still kept.</summary>
    public int Count => _lines.Count - _head;

    /// <summary>The <paramref name="index"/>th kept line, oldest first.</summary>
    public DemoLogLine this[int index] => _lines[_head + index];

    /// <summary>Appends a line; its timestamp is moved past the previous one when needed, so they strictly increase.</summary>
    public DemoLogLine Append(long timestampNs, byte[] utf8)
    {
        var line = new DemoLogLine(Math.Max(timestampNs, LastNs + 1), EndOffset, utf8);
        _lines.Add(line);
        EndOffset += line.Length;
        LastNs = line.TimestampNs;
        _retained += line.Length;
        while (_retained > retentionBytes && Count > 1)
        {
            _retained -= _lines[_head].Length;
            _head++;
        }

        // Drop the rotated-out lines in one move once they are half the list: amortized O(1) per line.
        if (_head > 1024 && _head > _lines.Count / 2)
        {
            _lines.RemoveRange(0, _head);
            _head = 0;
        }

        return line;
    }

    /// <summary>Index of the first kept line whose timestamp is at or after <paramref name="timestampNs"/> (Count if none).</summary>
    public int IndexAtOrAfterTime(long timestampNs) => Search(line => line.TimestampNs >= timestampNs);

    /// <summary>Index of the kept line holding byte <paramref name="offset"/>, or of the first one after it (Count if none).</summary>
    public int IndexOfOffset(long offset) => Search(line => line.Offset + line.Length > offset);

    /// <summary>The file's bytes from <paramref name="position"/> (clamped to what is kept), at most <paramref name="max"/> of them.</summary>
    public byte[] Read(long position, int max)
    {
        position = Math.Clamp(position, StartOffset, EndOffset);
        var length = (int)Math.Min(max, EndOffset - position);
        var buffer = new byte[length];
        var written = 0;
        for (var i = IndexOfOffset(position); i < Count && written < length; i++)
        {
            var line = this[i];
            var from = (int)Math.Max(0, position + written - line.Offset);
            var take = (int)Math.Min(line.Length - from, length - written);
            var fromText = Math.Min(take, Math.Max(0, line.Utf8.Length - from));
            line.Utf8.AsSpan(from, fromText).CopyTo(buffer.AsSpan(written));
            if (fromText < take)
            {
                buffer[written + fromText] = (byte)'\n';
            }

            written += take;
        }

        return buffer;
    }

    private int Search(Func<DemoLogLine, bool> atOrAfter)
    {
        int low = 0, high = Count;
        while (low < high)
        {
            var middle = low + (high - low) / 2;
            if (atOrAfter(this[middle]))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }
}
