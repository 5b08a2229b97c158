using System.Collections.Immutable;
using Styx.Cluster.Text;

namespace Styx.Tui.Screens;

/// <summary>
/// One row of a screen. <see cref="Key"/> identifies it across refreshes, so the selection, the marks and the scroll
/// position survive a new snapshot even when rows move. Cells mostly hold cluster text (job names, events): their
/// control characters are made visible here, before widths are measured, so a hostile name can neither reach the
/// terminal nor break the table's alignment.
/// </summary>
internal sealed record ScreenRow(string Key, ImmutableArray<string> Cells, RowTone Tone = RowTone.Normal, RowTarget? Target = null)
{
    public ImmutableArray<string> Cells { get; init; } = Visible(Cells);

    public static ScreenRow Section(string title) => new("§" + title, [title], RowTone.Section);

    private static ImmutableArray<string> Visible(ImmutableArray<string> cells)
    {
        foreach (var cell in cells)
        {
            if (!ReferenceEquals(cell, ControlCharacters.MakeVisible(cell)))
            {
                return [.. cells.Select(ControlCharacters.MakeVisible)];
            }
        }

        return cells;
    }

    /// <summary>Whether <paramref name="filter"/> occurs in any cell, ignoring case.</summary>
    public bool Matches(string filter) =>
        filter.Length == 0 || Cells.Any(c => c.Contains(filter, StringComparison.OrdinalIgnoreCase));
}
