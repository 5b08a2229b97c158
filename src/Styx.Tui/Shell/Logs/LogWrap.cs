using System.Globalization;
using Terminal.Gui.Text;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// Cuts a log line's body into screen rows by terminal columns, never inside a grapheme: a wide character (CJK, most
/// emoji) counts two columns and goes whole to the next row when only one is left; a combining mark stays with its
/// base. Widths are Terminal.Gui's, the same ones it draws with, so the rows below stay aligned.
/// </summary>
internal static class LogWrap
{
    /// <summary>The character ranges of <paramref name="body"/> that fill rows of <paramref name="width"/> columns, at most <paramref name="maxRows"/>.</summary>
    public static List<(int Start, int Length)> Rows(string body, int width, int maxRows)
    {
        var rows = new List<(int, int)>();
        width = Math.Max(1, width);
        var start = 0;
        var used = 0;
        var i = 0;
        while (i < body.Length && rows.Count < maxRows)
        {
            var (length, columns) = Grapheme(body, i);
            if (used + columns > width && i > start)
            {
                rows.Add((start, i - start));
                start = i;
                used = 0;
                continue;
            }

            used += columns;
            i += length;
        }

        if (rows.Count < maxRows && (i > start || rows.Count == 0))
        {
            rows.Add((start, i - start));
        }

        return rows;
    }

    /// <summary>
    /// The start of <paramref name="body"/> that fits <paramref name="width"/> columns, and whether something was cut
    /// (then one column is kept free for the marker that says so).
    /// </summary>
    public static (int Length, bool Cut) Cut(string body, int width)
    {
        var (whole, wholeColumns) = Fit(body, int.MaxValue);
        if (wholeColumns <= width)
        {
            return (whole, false);
        }

        return (Fit(body, Math.Max(0, width - 1)).Length, true);
    }

    /// <summary>Columns <paramref name="text"/> takes.</summary>
    public static int Columns(string text) => Fit(text, int.MaxValue).Columns;

    private static (int Length, int Columns) Fit(string body, int width)
    {
        var used = 0;
        var i = 0;
        while (i < body.Length)
        {
            var (length, columns) = Grapheme(body, i);
            if (used + columns > width)
            {
                break;
            }

            used += columns;
            i += length;
        }

        return (i, used);
    }

    private static (int Length, int Columns) Grapheme(string text, int index)
    {
        var c = text[index];
        if (c < 0x300 && (index + 1 == text.Length || text[index + 1] < 0x300))
        {
            // Latin text without combining marks: one character, one column. Most log text takes this path.
            return (1, 1);
        }

        var length = StringInfo.GetNextTextElementLength(text, index);
        return (length, Math.Max(0, text.Substring(index, length).GetColumns()));
    }
}
