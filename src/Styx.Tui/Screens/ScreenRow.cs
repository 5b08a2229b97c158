using System.Collections.Immutable;

namespace Styx.Tui.Screens;

/// <summary>
/// One row of a screen. <see cref="Key"/> identifies it across refreshes, so the selection, the marks and the scroll
/// position survive a new snapshot even when rows move.
/// </summary>
internal sealed record ScreenRow(string Key, ImmutableArray<string> Cells, RowTone Tone = RowTone.Normal, RowTarget? Target = null)
{
    public static ScreenRow Section(string title) => new("§" + title, [title], RowTone.Section);

    /// <summary>Whether <paramref name="filter"/> occurs in any cell, ignoring case.</summary>
    public bool Matches(string filter) =>
        filter.Length == 0 || Cells.Any(c => c.Contains(filter, StringComparison.OrdinalIgnoreCase));
}
