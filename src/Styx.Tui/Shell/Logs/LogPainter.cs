using System.Globalization;
using System.Text;
using Styx.Cluster.Logs;
using Styx.Tui.Screens;
using Styx.Tui.Screens.Logs;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// Draws a Logs screen between the shell's top and bottom lines: a header (target, source, follow state; in Loki mode
/// the LogQL line; counts, filter, dropped lines, staleness), then only the lines that fit, each with its prefix
/// (selection mark, time, allocation and task) and its body, the level word coloured and the filter's matches
/// highlighted. Only visible lines are laid out, so a frame costs the same with 100 lines held as with 10,000.
/// </summary>
internal static class LogPainter
{
    /// <summary>Rows above the log lines in Nomad mode: the title and the state line.</summary>
    public const int HeaderRows = 2;

    /// <summary>Rows above the log lines: in Loki mode the LogQL line's builder and text come between title and state.</summary>
    public static int HeaderRowsOf(LogView view) => view.Query is null ? HeaderRows : HeaderRows + LogQueryPainter.Rows;

    private const string Cut = "…";

    public static void Paint(FrameLines lines, LogView view, string badges, int width, int height)
    {
        var header = HeaderRowsOf(view);
        var page = Math.Max(1, height - ScreenPainter.Chrome - (header - HeaderRows));
        Header(lines, view, badges, width);
        var items = view.Items;
        if (items.Count == 0)
        {
            lines.Put(0, header, ScreenPainter.Fit("  waiting for lines…", width), Palette.For(RowTone.Muted, false));
            return;
        }

        var prefix = PrefixColumns(view);
        var avail = Math.Max(1, width - prefix);
        int RowsOf(int index) => view.Wrap ? LogWrap.Rows(items.RowAt(index).Body, avail, page).Count : 1;
        var top = TopIndex(view, page, RowsOf);
        var y = header;
        var selected = view.Cursor.SelectedIndex;
        for (var index = top; index < items.Count && y < header + page; index++)
        {
            y = Line(lines, view, items.RowAt(index), index == selected, prefix, avail, y, header + page);
        }
    }

    /// <summary>The first line shown: the newest page while following, else the top kept, moved just enough to show the selection.</summary>
    private static int TopIndex(LogView view, int page, Func<int, int> rowsOf)
    {
        var items = view.Items;
        var cursor = view.Cursor;
        var selected = cursor.SelectedIndex;
        var lowest = cursor.Follow ? items.Count - 1 : selected;
        var used = rowsOf(lowest);
        while (lowest > 0 && used + rowsOf(lowest - 1) <= page)
        {
            lowest--;
            used += rowsOf(lowest);
        }

        var top = cursor.Follow ? lowest : Math.Clamp(items.IndexOf(cursor.Top), lowest, selected);
        cursor.Top = items.NumberAt(top);
        return top;
    }

    private static void Header(FrameLines lines, LogView view, string badges, int width)
    {
        var title = new StringBuilder(" Styx ▸ Logs ").Append(view.Target.Title)
            .Append(" · ").Append(view.Target.Stream == LogStream.Stderr ? "stderr" : "stdout")
            .Append(" · ").Append(view.Source == LogSource.Loki ? $"Loki · last {RangeText(view.Range)} + live" : "Nomad live")
            .Append(view.Cursor.Follow ? " · ● following" : " · ‖ paused (f follows)");
        lines.Put(0, 0, ScreenPainter.Fit(title.ToString(), width), Palette.Header);
        if (badges.Length > 0 && width > badges.Length + 10)
        {
            lines.Put(width - badges.Length, 0, badges, Palette.Badge);
        }

        var stateRow = 1;
        if (view.Query is { } query)
        {
            LogQueryPainter.Paint(lines, query, 1, width);
            stateRow += LogQueryPainter.Rows;
        }

        var state = new StringBuilder(" ").Append(CellText.Number(view.Lines.Count)).Append(view.Lines.Count == 1 ? " line" : " lines");
        if (view.Filter.Pattern is { } pattern)
        {
            state.Append("  /").Append(pattern).Append("/ ").Append(CellText.Number(view.Filter.Matches.Count))
                .Append(view.Filter.Matches.Count == 1 ? " match" : " matches").Append(view.Filter.Hide ? " (only matching shown)" : "");
        }

        if (view.Dropped > 0)
        {
            state.Append("  ").Append(CellText.Number(view.Dropped)).Append(" older lines dropped");
        }

        state.Append(view.Wrap ? "  wrap" : "").Append(view.Timestamps ? "  time" : "");
        var text = state.ToString();
        lines.Put(0, stateRow, ScreenPainter.Fit(text, width), Palette.ColumnHeader);
        if (view.Status is { } status)
        {
            // Staleness: what is shown may be behind the cluster until the source is back.
            var x = Math.Min(width, LogWrap.Columns(text) + 2);
            lines.Put(x, stateRow, ScreenPainter.Fit("⚠ " + status, Math.Max(0, width - x)), Palette.Error);
        }
    }

    /// <summary>The history range as the keys name it: 5m, 15m, 1h, 6h, 24h.</summary>
    public static string RangeText(TimeSpan range) =>
        range.TotalHours >= 1 ? range.TotalHours.ToString("0", CultureInfo.InvariantCulture) + "h" : range.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + "m";

    /// <summary>Columns before a line's body: the selection mark, the time, the allocation and task.</summary>
    private static int PrefixColumns(LogView view) =>
        1 + (view.Timestamps ? 13 : 0) + (view.ManyStreams ? 9 + view.TaskWidth + 1 : 0);

    private static string Prefix(LogView view, LogRow row)
    {
        var prefix = new StringBuilder();
        if (view.Timestamps)
        {
            prefix.Append(TimeZoneInfo.ConvertTime(row.Line.Time, view.TimeZone).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ');
        }

        if (view.ManyStreams)
        {
            var origin = row.Line.Origin;
            var task = origin.Task.Length > view.TaskWidth ? origin.Task[..view.TaskWidth] : origin.Task;
            prefix.Append(origin.ShortAllocationId.PadRight(8)).Append(' ').Append(task.PadRight(view.TaskWidth)).Append(' ');
        }

        return prefix.ToString();
    }

    /// <summary>Draws one log line from row <paramref name="y"/> (several rows when wrapped); returns the next free row.</summary>
    private static int Line(FrameLines lines, LogView view, LogRow row, bool selected, int prefix, int avail, int y, int end)
    {
        var dim = Palette.For(RowTone.Muted, false);
        var body = row.Body;
        List<(int Start, int Length)> rows;
        var cut = false;
        if (view.Wrap)
        {
            rows = LogWrap.Rows(body, avail, end - y);
        }
        else
        {
            var (length, wasCut) = LogWrap.Cut(body, avail);
            rows = [(0, length)];
            cut = wasCut;
        }

        var matches = view.Filter.Pattern is not null && view.Filter.IsMatchLine(row.Number) ? view.Filter.Spans(body) : [];
        for (var r = 0; r < rows.Count && y < end; r++, y++)
        {
            lines.Put(0, y, selected && r == 0 ? "▸" : " ", selected ? Palette.Selected : Palette.Normal);
            if (r == 0 && prefix > 1)
            {
                lines.Put(1, y, Prefix(view, row), dim);
            }

            var (start, length) = rows[r];
            lines.Put(prefix, y, body.Substring(start, length), Palette.Normal);
            if (row.LevelLength > 0 && start < row.LevelLength)
            {
                Overlay(lines, body, start, length, (0, row.LevelLength), prefix, y, LevelColour(row.Tone));
            }

            foreach (var match in matches)
            {
                Overlay(lines, body, start, length, match, prefix, y, Palette.Match);
            }

            if (cut)
            {
                lines.Put(prefix + avail - 1, y, Cut, dim);
            }
        }

        return y;
    }

    /// <summary>Redraws the part of <paramref name="span"/> that falls in this row's slice of the body in <paramref name="attribute"/>.</summary>
    private static void Overlay(FrameLines lines, string body, int start, int length, (int Start, int Length) span, int x, int y, Attribute attribute)
    {
        var from = Math.Max(start, span.Start);
        var to = Math.Min(start + length, span.Start + span.Length);
        if (from >= to)
        {
            return;
        }

        lines.Put(x + LogWrap.Columns(body[start..from]), y, body[from..to], attribute);
    }

    private static Attribute LevelColour(LogLevelTone tone) => tone switch
    {
        LogLevelTone.Error => Palette.For(RowTone.Bad, false),
        LogLevelTone.Warning => Palette.For(RowTone.Warning, false),
        LogLevelTone.Debug => Palette.For(RowTone.Muted, false),
        _ => Palette.Normal,
    };
}
