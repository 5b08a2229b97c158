namespace Styx.Tui.Shell.Metrics;

/// <summary>How one series sets its dots in a cell, so series are told apart by shape as well as colour.</summary>
internal enum DotStyle
{
    /// <summary>Braille (U+2800–U+28FF): 2×4 dots a cell, the finest line a terminal draws.</summary>
    Braille,

    /// <summary>Block quadrants (▘▝▖▗…): 2×2 a cell, a visibly heavier line than Braille.</summary>
    Quadrant,

    /// <summary>One marker glyph (×, +, o…) in each cell the series passes through.</summary>
    Marker,
}

/// <summary>
/// A plot area of cells, each a bit mask of the dots one series set in it, in the resolution of its
/// <see cref="DotStyle"/>. A cell belongs to the last series that set a dot in it (two series in one cell cannot both
/// be read, and a mixed Braille cell would read as neither).
/// </summary>
internal sealed class DotGrid
{
    // Braille's dot numbering (Unicode chart): bit for dot (x, y), x 0..1 left to right, y 0..3 top to bottom.
    private static readonly int[,] BrailleBits = { { 0x01, 0x02, 0x04, 0x40 }, { 0x08, 0x10, 0x20, 0x80 } };

    // Index: up-left 1, up-right 2, down-left 4, down-right 8.
    private const string Quadrants = " ▘▝▀▖▌▞▛▗▚▐▜▄▙▟█";

    private readonly int[,] _mask;
    private readonly int[,] _owner;

    public DotGrid(int width, int height)
    {
        Width = width;
        Height = height;
        _mask = new int[width, height];
        _owner = new int[width, height];
        for (var x = 0; x < width; x++)
        {
            for (var y = 0; y < height; y++)
            {
                _owner[x, y] = -1;
            }
        }
    }

    public int Width { get; }

    public int Height { get; }

    public static int DotsAcross(DotStyle style) => style == DotStyle.Marker ? 1 : 2;

    public static int DotsDown(DotStyle style) => style switch
    {
        DotStyle.Braille => 4,
        DotStyle.Quadrant => 2,
        _ => 1,
    };

    /// <summary>Sets dot (<paramref name="dx"/>, <paramref name="dy"/>), counted from the top left in the style's resolution, for series <paramref name="series"/>.</summary>
    public void Set(int series, DotStyle style, int dx, int dy)
    {
        var across = DotsAcross(style);
        var down = DotsDown(style);
        var (x, y) = (dx / across, dy / down);
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return;
        }

        if (_owner[x, y] != series)
        {
            _owner[x, y] = series;
            _mask[x, y] = 0;
        }

        _mask[x, y] |= style switch
        {
            DotStyle.Braille => BrailleBits[dx % 2, dy % 4],
            DotStyle.Quadrant => 1 << ((dy % 2 * 2) + (dx % 2)),
            _ => 1,
        };
    }

    /// <summary>The series that owns cell (<paramref name="x"/>, <paramref name="y"/>), or -1 when it is empty.</summary>
    public int Owner(int x, int y) => _owner[x, y];

    /// <summary>The cell's glyph in <paramref name="style"/> with marker <paramref name="marker"/>; a space when empty.</summary>
    public string Glyph(int x, int y, DotStyle style, char marker)
    {
        var mask = _mask[x, y];
        if (_owner[x, y] < 0 || mask == 0)
        {
            return " ";
        }

        return style switch
        {
            DotStyle.Braille => ((char)(0x2800 + mask)).ToString(),
            DotStyle.Quadrant => Quadrants[mask].ToString(),
            _ => marker.ToString(),
        };
    }
}
