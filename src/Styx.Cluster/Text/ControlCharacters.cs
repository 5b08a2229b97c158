using System.Text;

namespace Styx.Cluster.Text;

/// <summary>
/// The one function through which text from outside (job names, log lines, Nomad, Loki and Prometheus error texts,
/// the SSH user name) reaches a terminal or a log line: every control character is replaced by a visible placeholder,
/// so the text cannot move the cursor, retitle a window, clear the screen or start a forged log line. Exec output,
/// the full-screen app and the console log all use it.
/// </summary>
/// <remarks>
/// C0 controls (U+0000–U+001F) become their symbols from the Control Pictures block (U+2400–U+241F: ESC is ␛, LF ␊,
/// TAB ␉), DEL (U+007F) becomes ␡. C1 controls (U+0080–U+009F) are the 8-bit forms of <c>ESC Fe</c> (ECMA-48 §5.3:
/// CSI U+009B is <c>ESC [</c>), so they are shown as ␛ followed by their 7-bit final character. Each placeholder is
/// one column wide, so tables stay aligned.
/// </remarks>
public static class ControlCharacters
{
    private const char Escape = '\u241B';

    /// <summary>Whether <paramref name="c"/> is a C0 or C1 control or DEL.</summary>
    public static bool IsControl(char c) => c < 0x20 || c is >= '\u007F' and <= '\u009F';

    /// <summary><paramref name="text"/> with every control character shown as a placeholder; the same string when there are none.</summary>
    public static string MakeVisible(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var first = IndexOfControl(text);
        if (first < 0)
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 8).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            AppendVisible(visible, text[i]);
        }

        return visible.ToString();
    }

    /// <summary>
    /// Multi-line text of our own (exec output) whose lines may hold outside text: line feeds stay, every other control
    /// character is shown. A line feed inside one outside value must be made visible by <see cref="MakeVisible"/> first.
    /// </summary>
    public static string MakeVisibleKeepingLines(string text)
    {
        if (IndexOfControl(text, allowLineFeed: true) < 0)
        {
            return text;
        }

        var visible = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c == '\n')
            {
                visible.Append(c);
            }
            else
            {
                AppendVisible(visible, c);
            }
        }

        return visible.ToString();
    }

    private static int IndexOfControl(string text, bool allowLineFeed = false)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]) && !(allowLineFeed && text[i] == '\n'))
            {
                return i;
            }
        }

        return -1;
    }

    private static void AppendVisible(StringBuilder visible, char c)
    {
        if (c < 0x20)
        {
            visible.Append((char)('\u2400' + c));
        }
        else if (c == '\u007F')
        {
            visible.Append('\u2421');
        }
        else if (c is >= '\u0080' and <= '\u009F')
        {
            visible.Append(Escape).Append((char)(c - 0x40));
        }
        else
        {
            visible.Append(c);
        }
    }
}
