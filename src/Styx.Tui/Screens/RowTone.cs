namespace Styx.Tui.Screens;

/// <summary>How a row reads at a glance; the shell turns it into a colour (or a text style without colour).</summary>
internal enum RowTone
{
    Normal,
    Good,
    Warning,
    Bad,
    Muted,

    /// <summary>A heading inside a detail screen ("Task groups", "Allocations").</summary>
    Section,
}
