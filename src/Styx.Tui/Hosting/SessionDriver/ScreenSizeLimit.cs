namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// The largest screen one session draws. Terminal.Gui keeps several cell buffers the size of the screen, so a client
/// asking for a 2000×2000 pty cost about 400 MB (issue 10); a larger terminal gets its top-left 500×200 drawn, and the
/// session says so. 500 columns is past any monitor's width in a readable font.
/// </summary>
internal static class ScreenSizeLimit
{
    public const int MaxColumns = 500;
    public const int MaxRows = 200;

    public static (int Columns, int Rows, bool Clamped) Clamp(int columns, int rows) =>
        (Math.Min(columns, MaxColumns), Math.Min(rows, MaxRows), columns > MaxColumns || rows > MaxRows);

    /// <summary>What the session tells the person whose terminal is larger.</summary>
    public static string Notice(int columns, int rows) =>
        $"this terminal is {columns}×{rows}; Styx draws at most {MaxColumns}×{MaxRows}, in the top-left corner";
}
