using Styx.Tui.Screens;
using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell;

/// <summary>
/// The shell's colours. Every attribute also carries a text style, so a session without colour (NO_COLOR, vt100)
/// still tells the selected row, headings and failures apart.
/// </summary>
internal static class Palette
{
    private static readonly Color Background = new(24, 26, 32);
    private static readonly Color Text = new(214, 218, 226);

    public static readonly Attribute Normal = new(Text, Background);
    public static readonly Attribute Header = new(new Color(255, 255, 255), new Color(38, 64, 110), TextStyle.Bold);
    public static readonly Attribute ColumnHeader = new(new Color(150, 180, 230), Background, TextStyle.Bold | TextStyle.Underline);
    public static readonly Attribute Selected = new(new Color(16, 16, 16), new Color(120, 170, 240), TextStyle.Reverse);
    public static readonly Attribute Status = new(new Color(220, 220, 220), new Color(48, 52, 62));
    public static readonly Attribute Badge = new(new Color(255, 255, 255), new Color(170, 40, 40), TextStyle.Bold | TextStyle.Reverse);
    public static readonly Attribute Message = new(new Color(240, 220, 140), Background);
    public static readonly Attribute Error = new(new Color(255, 120, 110), Background, TextStyle.Bold);
    public static readonly Attribute Prompt = new(new Color(255, 255, 255), new Color(40, 44, 54), TextStyle.Underline);
    public static readonly Attribute Dialog = new(new Color(235, 235, 235), new Color(52, 58, 76));
    public static readonly Attribute DialogFocus = new(new Color(16, 16, 16), new Color(240, 200, 90), TextStyle.Reverse | TextStyle.Bold);
    /// <summary>A label matcher of the LogQL builder, drawn as a chip.</summary>
    public static readonly Attribute Chip = new(new Color(225, 232, 250), new Color(56, 72, 104), TextStyle.Bold);
    public static readonly Attribute Match = new(new Color(16, 16, 16), new Color(240, 200, 90), TextStyle.Underline);

    public static Attribute For(RowTone tone, bool stale) => stale ? new Attribute(new Color(110, 114, 124), Background, TextStyle.Faint) : tone switch
    {
        RowTone.Good => new Attribute(new Color(130, 210, 140), Background),
        RowTone.Warning => new Attribute(new Color(235, 190, 90), Background),
        RowTone.Bad => new Attribute(new Color(255, 110, 100), Background, TextStyle.Bold),
        RowTone.Muted => new Attribute(new Color(130, 134, 144), Background),
        RowTone.Section => new Attribute(new Color(150, 180, 230), Background, TextStyle.Bold),
        _ => Normal,
    };
}
