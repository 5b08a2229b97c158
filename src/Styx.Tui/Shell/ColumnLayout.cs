using Styx.Tui.Screens;
using Terminal.Gui.Text;

namespace Styx.Tui.Shell;

/// <summary>
/// Fits a screen's columns to the terminal as k9s does: each column as wide as its widest visible cell (up to its
/// maximum); when that is too wide, whole low-priority columns drop out first (highest <see cref="Column.Priority"/>
/// first, never priority 0), then flexible columns give back width down to their minimum, then the widest columns.
/// At 80 columns a name keeps its width and the age and version columns go.
/// </summary>
internal static class ColumnLayout
{
    /// <summary>One shown column: which of the screen's columns, and how wide.</summary>
    internal readonly record struct Placed(int Index, int Width);

    public static IReadOnlyList<Placed> Fit(IReadOnlyList<Column> columns, IReadOnlyList<ScreenRow> rows, int available)
    {
        var natural = new int[columns.Count];
        for (var c = 0; c < columns.Count; c++)
        {
            var widest = columns[c].Name.GetColumns() + 1; // room for a sort arrow
            foreach (var row in rows)
            {
                if (c < row.Cells.Length && row.Tone != RowTone.Section)
                {
                    widest = Math.Max(widest, row.Cells[c].GetColumns());
                }
            }

            natural[c] = Math.Min(widest, columns[c].MaxWidth);
        }

        var shown = Enumerable.Range(0, columns.Count).ToList();
        int Needed() => shown.Sum(c => natural[c]) + shown.Count - 1;

        // Whole low-priority columns go before anything is cut (ties: the rightmost first).
        while (Needed() > available)
        {
            var drop = shown.Where(c => columns[c].Priority > 0).OrderByDescending(c => columns[c].Priority).ThenByDescending(c => c).FirstOrDefault(-1);
            if (drop < 0)
            {
                break;
            }

            shown.Remove(drop);
        }

        var widths = shown.ToDictionary(c => c, c => natural[c]);
        var excess = Needed() - available;
        foreach (var c in shown.Where(c => columns[c].Flexible))
        {
            var cut = Math.Clamp(excess, 0, Math.Max(0, widths[c] - columns[c].MinWidth));
            widths[c] -= cut;
            excess -= cut;
        }

        // Room to spare: flexible columns grow to show their whole content.
        foreach (var c in shown.Where(c => columns[c].Flexible))
        {
            if (excess >= 0)
            {
                break;
            }

            var widest = rows.Where(r => c < r.Cells.Length && r.Tone != RowTone.Section).Select(r => r.Cells[c].GetColumns()).DefaultIfEmpty(0).Max();
            var grow = Math.Min(-excess, Math.Max(0, widest - widths[c]));
            widths[c] += grow;
            excess += grow;
        }

        while (excess > 0)
        {
            var widest = widths.MaxBy(w => w.Value);
            if (widest.Value <= columns[widest.Key].MinWidth)
            {
                break;
            }

            widths[widest.Key]--;
            excess--;
        }

        return [.. shown.Select(c => new Placed(c, widths[c]))];
    }
}
