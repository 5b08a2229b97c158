using Styx.Tui.Screens;
using Terminal.Gui.Text;

namespace Styx.Tui.Shell;

/// <summary>
/// Fits a screen's columns to the terminal as k9s does. Each column starts as wide as its widest visible cell (up to
/// its maximum). When that is too wide: low-priority flexible columns (details, ports) give back width down to their
/// minimum; then whole low-priority columns drop out (highest <see cref="Column.Priority"/> first, never priority 0);
/// only then do the remaining flexible columns (names) get cut, and last the widest ones. Width left over goes to the
/// flexible columns. At 80 columns a name keeps its width and the age and version columns go.
/// </summary>
internal static class ColumnLayout
{
    /// <summary>One shown column: which of the screen's columns, and how wide.</summary>
    internal readonly record struct Placed(int Index, int Width);

    public static IReadOnlyList<Placed> Fit(IReadOnlyList<Column> columns, IReadOnlyList<ScreenRow> rows, int available)
    {
        var content = new int[columns.Count];
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

            content[c] = widest;
        }

        var widths = Enumerable.Range(0, columns.Count).Where(c => !(columns[c].HideWhenUniform && Uniform(rows, c)))
            .ToDictionary(c => c, c => Math.Min(content[c], columns[c].MaxWidth));
        int Excess() => widths.Values.Sum() + widths.Count - 1 - available;

        Shrink(widths, columns, c => columns[c].Flexible && columns[c].Priority > 0, Excess());
        while (Excess() > 0 && widths.Keys.Where(c => columns[c].Priority > 0).OrderByDescending(c => columns[c].Priority).ThenByDescending(c => c).FirstOrDefault(-1) is var drop and >= 0)
        {
            widths.Remove(drop);
        }

        Shrink(widths, columns, c => columns[c].Flexible, Excess());
        while (Excess() > 0 && widths.MaxBy(w => w.Value) is var widest && widest.Value > columns[widest.Key].MinWidth)
        {
            widths[widest.Key]--;
        }

        // Room to spare: flexible columns grow to show their whole content.
        foreach (var c in widths.Keys.Where(c => columns[c].Flexible).Order().ToList())
        {
            var spare = -Excess();
            if (spare <= 0)
            {
                break;
            }

            widths[c] += Math.Min(spare, Math.Max(0, content[c] - widths[c]));
        }

        return [.. widths.OrderBy(w => w.Key).Select(w => new Placed(w.Key, w.Value))];
    }

    private static bool Uniform(IReadOnlyList<ScreenRow> rows, int column) =>
        rows.Where(r => r.Tone != RowTone.Section && column < r.Cells.Length).Select(r => r.Cells[column]).Distinct(StringComparer.Ordinal).Take(2).Count() < 2;

    /// <summary>Takes up to <paramref name="excess"/> cells from the chosen columns, left to right, never below their minimum.</summary>
    private static void Shrink(Dictionary<int, int> widths, IReadOnlyList<Column> columns, Func<int, bool> which, int excess)
    {
        foreach (var c in widths.Keys.Where(which).Order().ToList())
        {
            if (excess <= 0)
            {
                return;
            }

            var cut = Math.Clamp(excess, 0, Math.Max(0, widths[c] - columns[c].MinWidth));
            widths[c] -= cut;
            excess -= cut;
        }
    }
}
