using System.Globalization;
using System.Text;
using Styx.Tui.Screens;
using Styx.Tui.Shell.Logs;
using Styx.Tui.Shell.Metrics;
using Terminal.Gui.Text;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell;

/// <summary>Everything one frame shows, gathered by the host for <see cref="ScreenPainter"/>.</summary>
internal sealed record Frame(
    string Title,
    ScreenEntry Entry,
    bool Stale,
    string Badges,
    PromptLine Prompt,
    string Message,
    bool MessageIsError,
    string Status,
    bool StatusHealthy,
    Overlay? Overlay,
    DateTimeOffset Now = default,
    TimeZoneInfo? Zone = null);

/// <summary>
/// Composes a frame into <see cref="FrameLines"/>: header, column headings, rows, the prompt or message line, the
/// status line, then any overlay. Terminal.Gui draws only the lines that changed.
/// </summary>
internal static class ScreenPainter
{
    /// <summary>Rows above and below the table: header and column headings; message and status lines.</summary>
    public const int Chrome = 4;

    public static void Paint(FrameLines lines, Frame frame, int width, int height)
    {
        if (frame.Entry.Logs is { } logs)
        {
            LogPainter.Paint(lines, logs, frame.Badges, width, height);
        }
        else if (frame.Entry.Metrics is { } metrics)
        {
            MetricsPainter.Paint(lines, metrics, frame.Badges, width, height, frame.Now, frame.Zone ?? TimeZoneInfo.Utc);
        }
        else
        {
            Table(lines, frame, width, height);
        }

        var y = height - 2;
        if (frame.Prompt.IsOpen)
        {
            lines.Put(0, y, Fit(PromptMark(frame.Prompt.Mode) + frame.Prompt.Text + "▏", width), Palette.Prompt);
        }
        else
        {
            lines.Put(0, y, Fit(" " + frame.Message, width), frame.MessageIsError ? Palette.Error : Palette.Message);
        }

        lines.Put(0, height - 1, Fit(frame.Status, width), frame.StatusHealthy ? Palette.Status : Palette.Error);
        if (frame.Overlay is { } overlay)
        {
            OverlayBox(lines, overlay, width, height);
        }
    }

    /// <summary>What the prompt line starts with, so it says what is being typed.</summary>
    private static string PromptMark(PromptMode mode) => mode switch
    {
        PromptMode.Command => ":",
        PromptMode.LogQuery => "LogQL: ",
        PromptMode.LogLineFilter => "line filter |= ",
        _ => "/",
    };

    private static void Table(FrameLines lines, Frame frame, int width, int height)
    {
        var table = frame.Entry.Table;
        var columns = frame.Entry.Screen.Columns;
        var pageRows = Math.Max(1, height - Chrome);
        table.KeepSelectionVisible(pageRows);
        Header(lines, frame, width);
        var placed = ColumnLayout.Fit(columns, table.Visible, width - 2);
        var headings = new StringBuilder("  ");
        foreach (var (index, columnWidth) in placed)
        {
            var name = columns[index].Name + (table.SortColumn == index ? (table.SortDescending ? "↓" : "↑") : "");
            headings.Append(Align(name, columnWidth, columns[index].AlignRight)).Append(' ');
        }

        lines.Put(0, 1, Fit(headings.ToString(), width), Palette.ColumnHeader);
        for (var line = 0; line < pageRows && line + 2 < height - 2; line++)
        {
            var index = table.Top + line;
            var row = index < table.Visible.Count ? table.Visible[index] : null;
            Row(lines, frame, row, index == table.Selected && row is not null, placed, width, line + 2);
        }
    }

    private static void Header(FrameLines lines, Frame frame, int width)
    {
        var table = frame.Entry.Table;
        var title = new StringBuilder(" Styx ▸ ").Append(frame.Title).Append(" (").Append(table.Visible.Count.ToString(CultureInfo.InvariantCulture));
        if (table.Visible.Count != table.Rows.Count)
        {
            title.Append(" of ").Append(table.Rows.Count.ToString(CultureInfo.InvariantCulture));
        }

        title.Append(')');
        if (table.Filter.Length > 0)
        {
            title.Append("  /").Append(table.Filter);
        }

        if (table.SortColumn is { } sort && sort < frame.Entry.Screen.Columns.Length)
        {
            title.Append("  sorted by ").Append(frame.Entry.Screen.Columns[sort].Name.ToLowerInvariant()).Append(table.SortDescending ? " ↓" : " ↑");
        }

        if (table.Marks.Count > 0)
        {
            title.Append("  ").Append(table.Marks.Count.ToString(CultureInfo.InvariantCulture)).Append(" marked");
        }

        lines.Put(0, 0, Fit(title.ToString(), width), Palette.Header);
        if (frame.Badges.Length > 0 && width > frame.Badges.Length + 10)
        {
            lines.Put(width - frame.Badges.Length, 0, frame.Badges, Palette.Badge);
        }
    }

    private static void Row(FrameLines lines, Frame frame, ScreenRow? row, bool selected, IReadOnlyList<ColumnLayout.Placed> placed, int width, int y)
    {
        if (row is null)
        {
            lines.Put(0, y, new string(' ', width), Palette.Normal);
            return;
        }

        var attribute = selected ? Palette.Selected : Palette.For(row.Tone, frame.Stale);
        if (row.Tone == RowTone.Section)
        {
            lines.Put(0, y, Fit("  ── " + row.Cells[0] + " ──", width), attribute);
            return;
        }

        var table = frame.Entry.Table;
        var text = new StringBuilder(table.Marks.Contains(row.Key) ? "* " : "  ");
        foreach (var (index, columnWidth) in placed)
        {
            text.Append(Align(index < row.Cells.Length ? row.Cells[index] : "", columnWidth, frame.Entry.Screen.Columns[index].AlignRight)).Append(' ');
        }

        var line = Fit(text.ToString(), width);
        if (selected)
        {
            // Highlight only the row's text: the padding keeps its colour, so moving the selection resends only the
            // text of the two rows involved (the one-row-move budget is 300 bytes).
            var content = line.TrimEnd();
            lines.Put(0, y, content, attribute);
            lines.Put(content.GetColumns(), y, new string(' ', Math.Max(0, width - content.GetColumns())), Palette.For(row.Tone, frame.Stale));
            return;
        }

        lines.Put(0, y, line, attribute);
        if (table.Filter.Length > 0 && line.IndexOf(table.Filter, StringComparison.OrdinalIgnoreCase) is var at and >= 0)
        {
            // Show where the filter matched.
            lines.Put(line[..at].GetColumns(), y, line.Substring(at, table.Filter.Length), Palette.Match);
        }
    }

    private static void OverlayBox(FrameLines lines, Overlay overlay, int width, int height)
    {
        var buttons = overlay.Buttons.Select((b, i) => (Text: $"[ {b} ]", Index: i)).ToList();
        var buttonWidth = buttons.Sum(b => b.Text.Length + 2);
        var inner = Math.Min(width - 4, Math.Max(Math.Max(overlay.Title.GetColumns() + 4, buttonWidth), overlay.Lines.DefaultIfEmpty("").Max(l => l.GetColumns()) + 2));
        var rows = overlay.Lines.Count + (buttons.Count > 0 ? 2 : 0);
        var boxHeight = Math.Min(height - 2, rows + 2);
        var left = Math.Max(0, (width - inner - 2) / 2);
        var top = Math.Max(0, (height - boxHeight) / 2);
        lines.Put(left, top, Fit("┌─ " + overlay.Title + " " + new string('─', Math.Max(0, inner - overlay.Title.GetColumns() - 3)), inner + 1) + "┐", Palette.Dialog);
        for (var i = 0; i < boxHeight - 2; i++)
        {
            lines.Put(left, top + 1 + i, "│" + Fit(i < overlay.Lines.Count ? " " + overlay.Lines[i] : "", inner) + "│", Palette.Dialog);
        }

        lines.Put(left, top + boxHeight - 1, "└" + new string('─', inner) + "┘", Palette.Dialog);
        var x = left + 1 + Math.Max(0, (inner - buttonWidth) / 2);
        foreach (var (text, index) in buttons)
        {
            lines.Put(x, top + boxHeight - 2, text, index == overlay.Focus ? Palette.DialogFocus : Palette.Dialog);
            x += text.Length + 2;
        }
    }

    /// <summary>Pads or cuts <paramref name="text"/> to exactly <paramref name="width"/> cells (cut text ends in …).</summary>
    public static string Fit(string text, int width)
    {
        if (width <= 0)
        {
            return "";
        }

        var columns = text.GetColumns();
        if (columns <= width)
        {
            return text + new string(' ', width - columns);
        }

        var cut = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var w = Math.Max(0, rune.GetColumns());
            if (used + w > width - 1)
            {
                break;
            }

            cut.Append(rune.ToString());
            used += w;
        }

        return cut.Append('…').Append(new string(' ', Math.Max(0, width - used - 1))).ToString();
    }

    private static string Align(string text, int width, bool right)
    {
        var fitted = text.GetColumns() > width ? Fit(text, width) : text;
        var pad = Math.Max(0, width - fitted.GetColumns());
        return right ? new string(' ', pad) + fitted : fitted + new string(' ', pad);
    }
}
