using System.Globalization;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell;

/// <summary>
/// What the person did to one screen's table: filter, sort, marks, the selected row (by key, so it survives
/// refreshes) and the scroll position. Pure: no Terminal.Gui, no clock, tested on plain rows. Shaped for 20,000 rows:
/// a filter key searches each row's precomputed lower-case text once, a longer filter narrows the rows already shown
/// instead of all of them, and a sort parses each cell once.
/// </summary>
internal sealed class TableState
{
    private IReadOnlyList<ScreenRow> _rows = [];
    private List<ScreenRow> _visible = [];
    private string _lowered = "";

    /// <summary>The rows as the screen built them, before filter and sort.</summary>
    public IReadOnlyList<ScreenRow> Rows => _rows;

    /// <summary>The rows on screen: filtered and sorted.</summary>
    public IReadOnlyList<ScreenRow> Visible => _visible;

    public string Filter { get; private set; } = "";

    /// <summary>The column rows are sorted by, or null for the screen's own order.</summary>
    public int? SortColumn { get; private set; }

    public bool SortDescending { get; private set; }

    public HashSet<string> Marks { get; } = new(StringComparer.Ordinal);

    public int Selected { get; private set; }

    public string? SelectedKey { get; private set; }

    /// <summary>The first visible row on screen (scroll position).</summary>
    public int Top { get; private set; }

    public ScreenRow? SelectedRow => Selected < _visible.Count ? _visible[Selected] : null;

    /// <summary>New rows from the screen (a new snapshot): filter, sort and selection are kept.</summary>
    public void SetRows(IReadOnlyList<ScreenRow> rows)
    {
        _rows = rows;
        Apply(rows, sort: true);
    }

    /// <summary>The filter as typed; matching ignores case. A filter that extends the last one searches only what it showed.</summary>
    public void SetFilter(string filter)
    {
        // What the shorter filter showed, in its order, holds everything the longer one can match.
        var lowered = filter.ToLowerInvariant();
        var narrows = lowered.StartsWith(_lowered, StringComparison.Ordinal);
        Filter = filter;
        _lowered = lowered;
        Apply(narrows ? _visible : _rows, sort: !narrows);
    }

    public void Move(int by)
    {
        if (_visible.Count == 0)
        {
            return;
        }

        var next = Math.Clamp(Selected + by, 0, _visible.Count - 1);

        // Section titles are not rows to act on; step past them in the direction of travel.
        var step = by >= 0 ? 1 : -1;
        while (_visible[next].Tone == RowTone.Section && next + step >= 0 && next + step < _visible.Count)
        {
            next += step;
        }

        Select(next);
    }

    public void MoveToTop() => Move(-_visible.Count);

    public void MoveToBottom() => Move(_visible.Count);

    /// <summary>n and N: the next row in <paramref name="direction"/> that is not a section title, wrapping around.</summary>
    public bool NextMatch(int direction)
    {
        for (var step = 1; step <= _visible.Count; step++)
        {
            var index = (((Selected + (direction * step)) % _visible.Count) + _visible.Count) % _visible.Count;
            if (_visible[index].Tone != RowTone.Section)
            {
                Select(index);
                return true;
            }
        }

        return false;
    }

    /// <summary>space: marks or unmarks the selected row and moves on.</summary>
    public void ToggleMark()
    {
        if (SelectedRow is { } row && !Marks.Remove(row.Key))
        {
            Marks.Add(row.Key);
        }

        Move(+1);
    }

    /// <summary>&lt; and &gt;: the previous or next column becomes the sort column.</summary>
    public void CycleSort(int direction, int columns)
    {
        SortColumn = SortColumn is { } column ? (column + direction + columns) % columns : direction > 0 ? 0 : columns - 1;
        Apply(_rows, sort: true);
    }

    /// <summary>=: reverses the order (sorting by the first column if none was chosen).</summary>
    public void ReverseSort()
    {
        SortDescending = !SortDescending;
        SortColumn ??= 0;
        Apply(_rows, sort: true);
    }

    /// <summary>Every marked row, shown or hidden by the filter: marks outlive filtering (mark across two filters, act once).</summary>
    public IReadOnlyList<ScreenRow> MarkedRows() => Marks.Count == 0 ? [] : [.. _rows.Where(r => Marks.Contains(r.Key))];

    public void ClearFilter() => SetFilter("");

    /// <summary>esc's first steps: clears the filter, else the marks; false when there was neither.</summary>
    public bool ClearFilterOrMarks()
    {
        if (Filter.Length > 0)
        {
            ClearFilter();
            return true;
        }

        if (Marks.Count > 0)
        {
            Marks.Clear();
            return true;
        }

        return false;
    }

    /// <summary>Scrolls so the selection is inside a page of <paramref name="pageRows"/>.</summary>
    public void KeepSelectionVisible(int pageRows)
    {
        if (Selected < Top)
        {
            Top = Selected;
        }
        else if (Selected >= Top + pageRows)
        {
            Top = Selected - pageRows + 1;
        }

        Top = Math.Clamp(Top, 0, Math.Max(0, _visible.Count - pageRows));
    }

    private void Select(int index)
    {
        Selected = index;
        SelectedKey = _visible[index].Key;
    }

    private void Apply(IReadOnlyList<ScreenRow> source, bool sort)
    {
        var visible = new List<ScreenRow>(_lowered.Length == 0 ? source.Count : Math.Min(source.Count, 256));
        foreach (var row in source)
        {
            if (row.Matches(_lowered))
            {
                visible.Add(row);
            }
        }

        if (sort && SortColumn is { } column)
        {
            visible = Sorted(visible, column, SortDescending);
        }

        _visible = visible;
        var index = SelectedKey is null ? -1 : _visible.FindIndex(r => r.Key == SelectedKey);
        Selected = index >= 0 ? index : Math.Clamp(Selected, 0, Math.Max(0, _visible.Count - 1));
        SelectedKey = _visible.Count > 0 ? _visible[Selected].Key : null;
    }

    /// <summary>Numbers (counts, percentages) as numbers, everything else as text; each cell parsed once.</summary>
    private static List<ScreenRow> Sorted(List<ScreenRow> rows, int column, bool descending)
    {
        var keys = rows.Select(r =>
        {
            var text = column < r.Cells.Length ? r.Cells[column] : "";
            return (Row: r, Number: double.TryParse(text.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : (double?)null, Text: text);
        }).ToList();
        var ordered = keys.Order(Comparer<(ScreenRow Row, double? Number, string Text)>.Create((a, b) =>
            a.Number is { } x && b.Number is { } y ? x.CompareTo(y) : StringComparer.OrdinalIgnoreCase.Compare(a.Text, b.Text)));
        var sorted = ordered.Select(k => k.Row).ToList();
        if (descending)
        {
            sorted.Reverse();
        }

        return sorted;
    }
}
