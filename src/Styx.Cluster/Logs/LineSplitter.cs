using System.Text;

namespace Styx.Cluster.Logs;

/// <summary>
/// Cuts a byte stream into lines: a UTF-8 character or a line may be split across frames at any byte, and the part
/// before the split waits for the rest. A CR right before LF belongs to the line end; any other CR stays in the text
/// (and is shown as a placeholder later). A line longer than <see cref="MaxLineChars"/> is cut there rather than held
/// without bound (Nomad's own scanner stops at 64 KiB; k9s#541).
/// </summary>
public sealed class LineSplitter
{
    public const int MaxLineChars = 1024 * 1024;

    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder _partial = new();
    private char[] _chars = new char[4096];

    /// <summary>Whether a line has begun but not ended yet.</summary>
    public bool HasPartialLine => _partial.Length > 0;

    /// <summary>Feeds <paramref name="bytes"/> and hands every line they complete to <paramref name="line"/>.</summary>
    public void Feed(ReadOnlySpan<byte> bytes, Action<string> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var needed = _decoder.GetCharCount(bytes, flush: false);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, _chars.Length * 2)];
        }

        var count = _decoder.GetChars(bytes, _chars, flush: false);
        var text = _chars.AsSpan(0, count);
        while (text.Length > 0)
        {
            var end = text.IndexOf('\n');
            if (end < 0)
            {
                Append(text, line);
                return;
            }

            Append(text[..end], line);
            Emit(line);
            text = text[(end + 1)..];
        }
    }

    /// <summary>Hands over a line that never got its line end (the stream ended, or the task stopped mid-line).</summary>
    public void Flush(Action<string> line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (_partial.Length > 0)
        {
            Emit(line);
        }
    }

    private void Append(ReadOnlySpan<char> text, Action<string> line)
    {
        while (_partial.Length + text.Length > MaxLineChars)
        {
            var room = MaxLineChars - _partial.Length;
            _partial.Append(text[..room]);
            line(_partial.ToString());
            _partial.Clear();
            text = text[room..];
        }

        _partial.Append(text);
    }

    private void Emit(Action<string> line)
    {
        if (_partial.Length > 0 && _partial[^1] == '\r')
        {
            _partial.Length--;
        }

        line(_partial.ToString());
        _partial.Clear();
    }
}
