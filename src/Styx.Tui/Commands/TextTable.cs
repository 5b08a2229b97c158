using System.Text;
using Styx.Cluster.Text;

namespace Styx.Tui.Commands;

/// <summary>
/// Plain aligned text for one-shot command output: a header row and rows, columns separated by two spaces, fitted to
/// a width (80 by default) by shrinking the widest shrinkable column and ending cut cells with '…'.
/// </summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    /// <summary>Columns that may be cut to fit (by index); others keep their full width.</summary>
    public HashSet<int> Shrinkable { get; } = [];

    public int RowCount => _rows.Count;

    /// <summary>A cell as it will print (control characters already visible), before fitting to the width.</summary>
    public string Cell(int row, string header) => _rows[row][Array.IndexOf(headers, header)];

    /// <summary>Adds a row; cells are mostly cluster text, so their control characters are made visible (a line feed in a job name cannot start a forged row).</summary>
    public TextTable Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells for {headers.Length} columns");
        }

        _rows.Add([.. cells.Select(ControlCharacters.MakeVisible)]);
        return this;
    }

    public string Render(int width = 80)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        const int Gap = 2;
        while (widths.Sum() + Gap * (widths.Length - 1) > width)
        {
            var candidates = Shrinkable.Count > 0 ? Shrinkable : [.. Enumerable.Range(0, widths.Length)];
            var widest = candidates.Where(i => widths[i] > Math.Max(4, headers[i].Length)).OrderByDescending(i => widths[i]).FirstOrDefault(-1);
            if (widest < 0)
            {
                break;
            }

            widths[widest]--;
        }

        var text = new StringBuilder();
        AppendRow(text, headers, widths);
        foreach (var row in _rows)
        {
            AppendRow(text, row, widths);
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = cells[i].Length > widths[i] ? cells[i][..(widths[i] - 1)] + "…" : cells[i];
            line.Append(i == cells.Length - 1 ? cell : cell.PadRight(widths[i] + 2));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
