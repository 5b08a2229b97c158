namespace Styx.Tui.Screens;

/// <summary>A column of a screen's table.</summary>
/// <param name="Name">The header.</param>
/// <param name="MaxWidth">Content wider than this is cut with an ellipsis.</param>
/// <param name="Flexible">Takes what is left of the width, and gives it back first when the terminal is narrow.</param>
/// <param name="AlignRight">Numbers line up on the right.</param>
/// <param name="Priority">0 is always shown; on a narrow terminal higher numbers drop out first, before a name is cut (k9s's wide columns).</param>
/// <param name="MinWidth">Never cut below this (a name keeps enough to be told apart).</param>
/// <param name="HideWhenUniform">Not shown while every row holds the same value (the namespace, in a one-namespace view).</param>
internal sealed record Column(string Name, int MaxWidth = 40, bool Flexible = false, bool AlignRight = false, int Priority = 0, int MinWidth = 3, bool HideWhenUniform = false);
