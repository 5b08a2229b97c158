using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// How series number <c>i</c> of a graph looks: a colour and a shape. The shape alone tells series apart (16 colours,
/// NO_COLOR): the first is drawn in Braille, the second in block quadrants, the rest as markers, and each legend
/// entry starts with its series' mark. The colours sit near distinct ANSI colours, so 16-colour terminals keep them apart.
/// </summary>
internal readonly record struct SeriesLook(DotStyle Style, char Marker, string LegendMark, Attribute Attribute)
{
    private static readonly Color Background = new(24, 26, 32);

    private static readonly Color[] Colours =
    [
        new(90, 200, 235), new(240, 200, 80), new(225, 120, 225), new(120, 215, 120), new(245, 110, 100), new(120, 150, 250),
    ];

    private const string Markers = "×+o*#%@=";

    public static SeriesLook Of(int series)
    {
        var colour = new Attribute(Colours[series % Colours.Length], Background);
        return series switch
        {
            0 => new SeriesLook(DotStyle.Braille, '⣿', "⣿", colour),
            1 => new SeriesLook(DotStyle.Quadrant, '█', "▚", colour),
            _ => new SeriesLook(DotStyle.Marker, Markers[(series - 2) % Markers.Length], Markers[(series - 2) % Markers.Length].ToString(), colour),
        };
    }
}
