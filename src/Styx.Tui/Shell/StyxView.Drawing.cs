using System.Globalization;
using System.Text;
using Styx.Cluster.Access;
using Styx.Tui.Screens;
using Terminal.Gui.Drawing;
using Terminal.Gui.Text;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell;

/// <summary>Drawing: header, column headings, rows, the prompt or message line, the status line, then any overlay.</summary>
internal sealed partial class StyxView
{
    /// <summary>Rows above and below the table: header and column headings; message and status lines.</summary>
    private const int Chrome = 4;

    private readonly FrameLines _lines = new();

    private int PageRows => Math.Max(1, Viewport.Height - Chrome);

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var width = Viewport.Width;
        var height = Viewport.Height;
        if (width <= 0 || height <= 0)
        {
            return true;
        }

        var state = Current;
        var stale = !_snapshot.Connection.Reachable && _snapshot.Connection.LastSuccess is not null;
        _lines.Begin(width, height);
        DrawHeader(state, width);
        var widths = ColumnWidths(state, width - 2);
        DrawColumnHeadings(state, widths, width);
        EnsureSelectionVisible(state);
        for (var line = 0; line < PageRows && line + 2 < height - 2; line++)
        {
            var index = state.Top + line;
            var row = index < state.Visible.Count ? state.Visible[index] : null;
            DrawRow(state, row, index == state.Selected && row is not null, widths, width, line + 2, stale);
        }

        DrawMessageLine(width, height - 2);
        DrawStatusLine(width, height - 1);
        if (_overlay is not null)
        {
            DrawOverlay(_overlay, width, height);
        }

        foreach (var (y, spans) in _lines.TakeChanged())
        {
            if (spans.Count == 0 || spans[0].X != 0 || spans[0].Text.Length < width)
            {
                // The line's spans may not cover it; blank it so nothing of the last frame shows through.
                SetAttribute(Palette.Normal);
                Move(0, y);
                AddStr(new string(' ', width));
            }

            foreach (var span in spans)
            {
                SetAttribute(span.Attribute);
                Move(span.X, y);
                AddStr(span.Text);
            }
        }

        return true;
    }

    /// <summary>Every line is drawn in <see cref="OnDrawingContent"/> (the changed ones again), so no clearing first.</summary>
    protected override bool OnClearingViewport() => true;

    private void DrawHeader(ScreenState state, int width)
    {
        var title = new StringBuilder(" Styx ▸ ").Append(state.Screen.Title)
            .Append(" (").Append(state.Visible.Count.ToString(CultureInfo.InvariantCulture));
        if (state.Visible.Count != state.Rows.Count)
        {
            title.Append(" of ").Append(state.Rows.Count.ToString(CultureInfo.InvariantCulture));
        }

        title.Append(')');
        if (state.Filter.Length > 0)
        {
            title.Append("  /").Append(state.Filter);
        }

        if (state.SortColumn is { } sort && sort < state.Screen.Columns.Length)
        {
            title.Append("  sorted by ").Append(state.Screen.Columns[sort].Name.ToLowerInvariant()).Append(state.SortDescending ? " ↓" : " ↑");
        }

        if (state.Marks.Count > 0)
        {
            title.Append("  ").Append(state.Marks.Count.ToString(CultureInfo.InvariantCulture)).Append(" marked");
        }

        var badges = (ReadOnly ? " READ-ONLY " : "") + (_context.Demo ? " DEMO " : "");
        Put(0, 0, Fit(title.ToString(), width), Palette.Header);
        if (badges.Length > 0 && width > badges.Length + 10)
        {
            Put(width - badges.Length, 0, badges, Palette.Badge);
        }
    }

    private static int[] ColumnWidths(ScreenState state, int available)
    {
        var columns = state.Screen.Columns;
        var widths = new int[columns.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            var widest = columns[c].Name.GetColumns();
            foreach (var row in state.Visible)
            {
                if (c < row.Cells.Length && row.Tone != RowTone.Section)
                {
                    widest = Math.Max(widest, row.Cells[c].GetColumns());
                }
            }

            widths[c] = Math.Min(widest, columns[c].MaxWidth);
        }

        // Too wide: take from flexible columns first, then from the widest ones; never below 3 cells.
        var gaps = columns.Length - 1;
        var excess = widths.Sum() + gaps - available;
        for (var c = 0; c < columns.Length && excess > 0; c++)
        {
            if (columns[c].Flexible)
            {
                var cut = Math.Min(excess, widths[c] - 3);
                widths[c] -= cut;
                excess -= cut;
            }
        }

        // Room to spare: flexible columns grow to show their whole content.
        for (var c = 0; c < columns.Length && excess < 0; c++)
        {
            if (columns[c].Flexible)
            {
                var widest = state.Visible.Where(r => c < r.Cells.Length && r.Tone != RowTone.Section).Select(r => r.Cells[c].GetColumns()).DefaultIfEmpty(0).Max();
                var grow = Math.Min(-excess, Math.Max(0, widest - widths[c]));
                widths[c] += grow;
                excess += grow;
            }
        }

        while (excess > 0)
        {
            var widest = Array.IndexOf(widths, widths.Max());
            if (widths[widest] <= 3)
            {
                break;
            }

            widths[widest]--;
            excess--;
        }

        return widths;
    }

    private void DrawColumnHeadings(ScreenState state, int[] widths, int width)
    {
        var line = new StringBuilder("  ");
        for (var c = 0; c < widths.Length; c++)
        {
            var name = state.Screen.Columns[c].Name + (state.SortColumn == c ? (state.SortDescending ? "↓" : "↑") : "");
            line.Append(Align(name, widths[c], state.Screen.Columns[c].AlignRight)).Append(' ');
        }

        Put(0, 1, Fit(line.ToString(), width), Palette.ColumnHeader);
    }

    private void DrawRow(ScreenState state, ScreenRow? row, bool selected, int[] widths, int width, int y, bool stale)
    {
        if (row is null)
        {
            Put(0, y, new string(' ', width), Palette.Normal);
            return;
        }

        var attribute = selected ? Palette.Selected : Palette.For(row.Tone, stale);
        if (row.Tone == RowTone.Section)
        {
            Put(0, y, Fit("  ── " + row.Cells[0] + " ──", width), attribute);
            return;
        }

        var text = new StringBuilder(state.Marks.Contains(row.Key) ? "* " : "  ");
        for (var c = 0; c < widths.Length; c++)
        {
            var cell = c < row.Cells.Length ? row.Cells[c] : "";
            text.Append(Align(cell, widths[c], state.Screen.Columns[c].AlignRight)).Append(' ');
        }

        var line = Fit(text.ToString(), width);
        if (selected)
        {
            // Highlight only the row's text: the padding keeps its colour, so moving the selection resends only the
            // text of the two rows involved (the one-row-move budget is 300 bytes).
            var content = line.TrimEnd();
            Put(0, y, content, attribute);
            Put(content.GetColumns(), y, new string(' ', Math.Max(0, width - content.GetColumns())), Palette.For(row.Tone, stale));
        }
        else
        {
            Put(0, y, line, attribute);
        }
        if (state.Filter.Length > 0 && !selected)
        {
            // Show where the filter matched.
            var at = line.IndexOf(state.Filter, StringComparison.OrdinalIgnoreCase);
            if (at >= 0)
            {
                Put(line[..at].GetColumns(), y, line.Substring(at, state.Filter.Length), Palette.Match);
            }
        }
    }

    private void DrawMessageLine(int width, int y)
    {
        if (_prompt != PromptMode.None)
        {
            var prefix = _prompt == PromptMode.Filter ? "/" : ":";
            Put(0, y, Fit(prefix + _promptText + "▏", width), Palette.Prompt);
            return;
        }

        Put(0, y, Fit(" " + _message, width), _messageIsError ? Palette.Error : Palette.Message);
    }

    private void DrawStatusLine(int width, int y)
    {
        var connection = _snapshot.Connection;
        var local = _context.Time.GetLocalNow();
        string state;
        if (connection.Reachable)
        {
            state = "● live" + (_snapshot.UpdatedAt is { } updated ? " · changed " + Clock(updated) : "");
        }
        else if (connection.UnreachableSince is { } since)
        {
            state = $"✕ Nomad {connection.Problem} since " + Clock(since) + (connection.LastSuccess is { } last ? " · data from " + Clock(last) : " · no data yet");
        }
        else
        {
            state = "… connecting to Nomad";
        }

        var role = Caller.Role.ToName();
        var status = $" {_context.ClusterName} │ {state} │ {Caller.User} ({role}) │ {local.ToString("HH:mm", CultureInfo.InvariantCulture)} ";
        Put(0, y, Fit(status, width), connection.Reachable ? Palette.Status : Palette.Error);
    }

    private string Clock(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, _context.Time.LocalTimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private void DrawOverlay(Overlay overlay, int width, int height)
    {
        var buttons = overlay.Buttons.Select((b, i) => (Text: $"[ {b} ]", Index: i)).ToList();
        var buttonWidth = buttons.Sum(b => b.Text.Length + 2);
        var inner = Math.Min(width - 4, Math.Max(Math.Max(overlay.Title.GetColumns() + 4, buttonWidth), overlay.Lines.DefaultIfEmpty("").Max(l => l.GetColumns()) + 2));
        var rows = overlay.Lines.Count + (buttons.Count > 0 ? 2 : 0);
        var boxHeight = Math.Min(height - 2, rows + 2);
        var left = Math.Max(0, (width - inner - 2) / 2);
        var top = Math.Max(0, (height - boxHeight) / 2);
        Put(left, top, Fit("┌─ " + overlay.Title + " " + new string('─', Math.Max(0, inner - overlay.Title.GetColumns() - 3)), inner + 1) + "┐", Palette.Dialog);
        for (var i = 0; i < boxHeight - 2; i++)
        {
            var text = i < overlay.Lines.Count ? " " + overlay.Lines[i] : "";
            Put(left, top + 1 + i, "│" + Fit(text, inner) + "│", Palette.Dialog);
        }

        Put(left, top + boxHeight - 1, "└" + new string('─', inner) + "┘", Palette.Dialog);
        if (buttons.Count > 0)
        {
            var x = left + 1 + Math.Max(0, (inner - buttonWidth) / 2);
            foreach (var (text, index) in buttons)
            {
                Put(x, top + boxHeight - 2, text, index == overlay.Focus ? Palette.DialogFocus : Palette.Dialog);
                x += text.Length + 2;
            }
        }
    }

    private void EnsureSelectionVisible(ScreenState state)
    {
        var page = PageRows;
        if (state.Selected < state.Top)
        {
            state.Top = state.Selected;
        }
        else if (state.Selected >= state.Top + page)
        {
            state.Top = state.Selected - page + 1;
        }

        state.Top = Math.Clamp(state.Top, 0, Math.Max(0, state.Visible.Count - page));
    }

    private void Put(int x, int y, string text, Attribute attribute) => _lines.Put(x, y, text, attribute);

    /// <summary>Pads or cuts <paramref name="text"/> to exactly <paramref name="width"/> cells (cut text ends in …).</summary>
    private static string Fit(string text, int width)
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
