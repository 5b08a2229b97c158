using Styx.Tui.Screens;

namespace Styx.Tui.Shell;

/// <summary>
/// One screen on the navigation stack with what the user did to it: the selected row (by key, so it survives
/// refreshes), the scroll position, the filter, the sort and the marks. Going back restores all of it.
/// </summary>
internal sealed class ScreenState(Screen screen)
{
    public Screen Screen { get; } = screen;

    public string? SelectedKey { get; set; }

    public int Selected { get; set; }

    public int Top { get; set; }

    public string Filter { get; set; } = "";

    /// <summary>The column rows are sorted by, or null for the screen's own order.</summary>
    public int? SortColumn { get; set; }

    public bool SortDescending { get; set; }

    public HashSet<string> Marks { get; } = [];

    /// <summary>The rows as built from the last snapshot, before filter and sort.</summary>
    public IReadOnlyList<ScreenRow> Rows { get; set; } = [];

    /// <summary>The rows on screen: filtered and sorted.</summary>
    public IReadOnlyList<ScreenRow> Visible { get; set; } = [];

    /// <summary>The screen's own change signal while it is on the stack (see <see cref="Screen.Watch"/>).</summary>
    public IDisposable? Watch { get; set; }

    /// <summary>The detail this screen last asked for (see <see cref="Screen.DetailKey"/>).</summary>
    public string? LoadedDetail { get; set; }
}
