using System.Text;
using Terminal.Gui.Text;

namespace Styx.Tui.Shell.Metrics;

/// <summary>What a chart cell is drawn as: its series' colour, the axes', the labels', or a note's.</summary>
internal static class ChartInk
{
    public const int Axis = -1;
    public const int Label = -2;
    public const int Note = -3;

    /// <summary>Ink values from 0 up are series numbers (see <see cref="SeriesLook.Of"/>).</summary>
    public static bool IsSeries(int ink) => ink >= 0;
}

/// <summary>One cell of a chart: its glyph (one column wide), its ink, and whether the cursor column passes through it.</summary>
internal readonly record struct ChartCell(string Glyph, int Ink, bool Cursor = false);

/// <summary>
/// A chart as cells, before colours: what <see cref="LineChart"/> draws and a painter turns into spans. Pure, so a
/// test reads its lines as text.
/// </summary>
internal sealed class ChartPicture
{
    private readonly ChartCell[][] _rows;

    public ChartPicture(int width, int height)
    {
        Width = width;
        Height = height;
        _rows = new ChartCell[height][];
        for (var y = 0; y < height; y++)
        {
            _rows[y] = new ChartCell[width];
            Array.Fill(_rows[y], new ChartCell(" ", ChartInk.Axis));
        }
    }

    public int Width { get; }

    public int Height { get; }

    public ChartCell this[int x, int y] => _rows[y][x];

    public void Set(int x, int y, ChartCell cell)
    {
        if (x >= 0 && y >= 0 && x < Width && y < Height)
        {
            _rows[y][x] = cell;
        }
    }

    /// <summary>Writes <paramref name="text"/> from column <paramref name="x"/>, a wide character taking two cells, cut at the edge.</summary>
    public void Write(int x, int y, string text, int ink)
    {
        if (y < 0 || y >= Height)
        {
            return;
        }

        var column = x;
        foreach (var rune in text.EnumerateRunes())
        {
            var cells = rune.GetColumns();
            if (cells <= 0 && column > x && column - 1 < Width)
            {
                // A combining mark joins the character before it.
                var before = _rows[y][column - 1];
                _rows[y][column - 1] = before with { Glyph = before.Glyph + rune };
                continue;
            }

            for (var part = 0; part < cells; part++, column++)
            {
                if (column >= 0 && column < Width)
                {
                    // A wide character takes two cells, the second drawn as nothing; the cursor column stays marked.
                    _rows[y][column] = new ChartCell(part == 0 ? rune.ToString() : "", ink, _rows[y][column].Cursor);
                }
            }
        }
    }

    /// <summary>Line <paramref name="y"/> as text.</summary>
    public string Line(int y)
    {
        var text = new StringBuilder(Width);
        foreach (var cell in _rows[y])
        {
            text.Append(cell.Glyph);
        }

        return text.ToString();
    }

    /// <summary>The runs of cells with the same ink and cursor flag on line <paramref name="y"/>: (start column, text, ink, cursor).</summary>
    public IEnumerable<(int X, string Text, int Ink, bool Cursor)> Runs(int y)
    {
        var row = _rows[y];
        var start = 0;
        var text = new StringBuilder();
        for (var x = 0; x < row.Length; x++)
        {
            if (x > start && (row[x].Ink != row[start].Ink || row[x].Cursor != row[start].Cursor))
            {
                yield return (start, text.ToString(), row[start].Ink, row[start].Cursor);
                start = x;
                text.Clear();
            }

            text.Append(row[x].Glyph);
        }

        if (row.Length > 0)
        {
            yield return (start, text.ToString(), row[start].Ink, row[start].Cursor);
        }
    }
}
