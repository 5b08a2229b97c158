namespace Styx.Tui.Shell.Logs;

/// <summary>
/// The lines the Logs screen lists, by position: every held line, or only the filter's matches in hide mode. Positions
/// map to line numbers without copying anything (a line number minus the first, or the match index itself).
/// </summary>
internal sealed class LogItems(LogLines lines, LogFilter filter)
{
    private bool Hiding => filter.Hide && filter.Pattern is not null;

    public int Count => Hiding ? filter.Matches.Count : (int)lines.Count;

    public long NumberAt(int index) => Hiding ? filter.Matches[index] : lines.First + index;

    /// <summary>The position of line <paramref name="number"/>, or of the first listed line after it when it is not listed.</summary>
    public int IndexOf(long number) => Hiding ? filter.LowerBound(number) : (int)Math.Clamp(number - lines.First, 0, lines.Count);

    public LogRow RowAt(int index) => lines[NumberAt(index)];
}
