namespace Styx.Tui.Shell.Logs;

/// <summary>
/// Where the Logs screen is: the selected line, the line at the top of the view, and whether it follows the tail.
/// Sticky scroll: while following, the selection is the newest line and new lines move the view; any move up stops
/// following (new lines then arrive below without moving what is read), and reaching the last line again resumes it.
/// Lines are held by number, so the view stays on the same text while newer lines arrive or older ones are dropped.
/// </summary>
internal sealed class LogCursor(LogItems items)
{
    public bool Follow { get; private set; } = true;

    /// <summary>The selected line's number (what <c>J</c> opens and <c>n</c> counts from).</summary>
    public long Selected { get; private set; }

    /// <summary>The number of the line drawn first; the painter moves it so the selection stays in view.</summary>
    public long Top { get; set; }

    public int SelectedIndex => Math.Min(items.IndexOf(Selected), Math.Max(0, items.Count - 1));

    /// <summary>New lines arrived or old ones left: a following view moves to the newest; another keeps its line.</summary>
    public void Refresh()
    {
        if (items.Count == 0)
        {
            return;
        }

        if (Follow)
        {
            Selected = items.NumberAt(items.Count - 1);
        }
        else
        {
            // The selected line may have been dropped, or hidden by the filter: the nearest later line takes its place.
            Selected = items.NumberAt(SelectedIndex);
        }
    }

    public void Move(int by)
    {
        if (items.Count == 0)
        {
            return;
        }

        var index = Math.Clamp(SelectedIndex + by, 0, items.Count - 1);
        Selected = items.NumberAt(index);
        Follow = by > 0 && index == items.Count - 1;
    }

    public void ToTop()
    {
        Follow = false;
        if (items.Count > 0)
        {
            Selected = items.NumberAt(0);
        }
    }

    public void ToBottom()
    {
        Follow = true;
        Refresh();
    }

    /// <summary><c>f</c>: follow on (to the newest line) or off (stay here).</summary>
    public void ToggleFollow()
    {
        if (Follow)
        {
            Follow = false;
        }
        else
        {
            ToBottom();
        }
    }

    /// <summary>Selects line <paramref name="number"/> and stops following, so it stays in view while lines arrive.</summary>
    public void Select(long number)
    {
        Selected = number;
        Follow = false;
    }
}
