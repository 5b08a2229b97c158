using Styx.Cluster.Logs;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// The Logs screen's prepared copy of its <see cref="LogBuffer"/>: a ring of the same size, numbered as the buffer
/// numbers its lines, so a line keeps its number from arrival until it is dropped. Each pull prepares only the lines
/// that are new since the last one; nothing is prepared twice per arrival, whatever the rate.
/// </summary>
internal sealed class LogLines(int capacity)
{
    private readonly LogRow?[] _ring = new LogRow?[capacity];
    private readonly List<LogLine> _scratch = [];

    /// <summary>The number of the oldest line held.</summary>
    public long First { get; private set; }

    /// <summary>The number the next line will get.</summary>
    public long Next { get; private set; }

    public long Count => Next - First;

    public LogRow this[long number] => number >= First && number < Next
        ? _ring[number % _ring.Length]!
        : throw new ArgumentOutOfRangeException(nameof(number), number, $"lines {First}..{Next - 1} are held");

    /// <summary>
    /// Takes what the buffer has beyond <see cref="Next"/>, preparing each new line and handing it to
    /// <paramref name="added"/>; lines the buffer dropped before they were taken are skipped (the buffer counts them).
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Pull(LogBuffer buffer, bool timestamps, Action<LogRow> added)
    {
        _scratch.Clear();
        var first = buffer.CopySince(Next, _scratch);
        if (_scratch.Count == 0)
        {
            return false;
        }

        Next = first;
        foreach (var line in _scratch)
        {
            var row = new LogRow(Next, line, timestamps);
            _ring[Next % _ring.Length] = row;
            Next++;
            added(row);
        }

        First = Math.Max(First, Next - _ring.Length);
        _scratch.Clear();
        return true;
    }

    /// <summary>Prepares every held line again (the timestamps toggle changes how JSON lines read).</summary>
    public void PrepareAll(bool timestamps)
    {
        for (var n = First; n < Next; n++)
        {
            this[n].Prepare(timestamps);
        }
    }
}
