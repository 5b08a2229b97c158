namespace Styx.Tui.Screens;

/// <summary>A column of a screen's table.</summary>
/// <param name="Name">The header.</param>
/// <param name="MaxWidth">Content wider than this is cut with an ellipsis.</param>
/// <param name="Flexible">Takes what is left of the width, and gives it back first when the terminal is narrow.</param>
/// <param name="AlignRight">Numbers line up on the right.</param>
internal sealed record Column(string Name, int MaxWidth = 40, bool Flexible = false, bool AlignRight = false);
