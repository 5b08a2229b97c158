using System.Collections.Immutable;
using Styx.Cluster.Text;

namespace Styx.Tui.Screens;

/// <summary>
/// One row of a screen. <see cref="Key"/> identifies it across refreshes, so the selection, the marks and the scroll
/// position survive a new snapshot even when rows move. Cells mostly hold cluster text (job names, events): their
/// control characters are made visible here, before widths are measured, so a hostile name can neither reach the
/// terminal nor break the table's alignment.
/// </summary>
internal sealed class ScreenRow(string key, ImmutableArray<string> cells, RowTone tone = RowTone.Normal, RowTarget? target = null)
{
    private string? _search;

    public string Key { get; } = key;

    public ImmutableArray<string> Cells { get; } = Visible(cells);

    public RowTone Tone { get; } = tone;

    public RowTarget? Target { get; } = target;

    public static ScreenRow Section(string title) => new("§" + title, [title], RowTone.Section);

    /// <summary>
    /// The cells in lower case, joined by a character no cell holds, made once per row: a filter key is then one
    /// ordinal search per row, which keeps filtering 20,000 rows inside a frame.
    /// </summary>
    public string SearchText => _search ??= string.Join('\u0001', Cells).ToLowerInvariant();

    /// <summary>Whether <paramref name="loweredFilter"/> (already lower case) occurs in any cell.</summary>
    public bool Matches(string loweredFilter) =>
        loweredFilter.Length == 0 || SearchText.Contains(loweredFilter, StringComparison.Ordinal);

    private static ImmutableArray<string> Visible(ImmutableArray<string> cells)
    {
        // Only a row that holds a control character is copied; the usual row keeps its array.
        return cells.Any(cell => cell.Any(ControlCharacters.IsControl)) ? [.. cells.Select(ControlCharacters.MakeVisible)] : cells;
    }
}
