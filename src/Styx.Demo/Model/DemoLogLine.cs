using System.Text;

namespace Styx.Demo.Model;

/// <summary>
/// One line of a task's log file: when it was written (Unix nanoseconds, Loki's unit), where it starts in the file
/// (Nomad's byte offset) and its UTF-8 bytes without the newline.
/// </summary>
internal readonly record struct DemoLogLine(long TimestampNs, long Offset, byte[] Utf8)
{
    /// <summary>Bytes the line takes in the file, its newline included.</summary>
    public long Length => Utf8.Length + 1;

    public string Text => Encoding.UTF8.GetString(Utf8);
}
