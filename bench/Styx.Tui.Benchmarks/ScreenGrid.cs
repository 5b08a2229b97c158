using System.Text;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// The benchmark's picture of the terminal screen: the characters the session's output put on each cell. Styx sends
/// only the cells that changed, so a text on screen can arrive in pieces (the cells that already held the right
/// character are skipped); only a grid answers "is it on screen now". Understands what Styx's output uses: cursor
/// position (CUP), erase in display and in line, CR/LF/BS and printable characters; other control and OSC sequences
/// are skipped whole, also when a packet ends inside one.
/// </summary>
internal sealed class ScreenGrid(int columns, int rows)
{
    private enum State { Text, Escape, Csi, Osc, OscEscape }

    private readonly char[,] _cells = Blank(columns, rows);
    private readonly StringBuilder _parameters = new();
    private State _state;
    private int _row;
    private int _column;

    public void Feed(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (_state)
            {
                case State.Text:
                    Print(c);
                    break;
                case State.Escape:
                    _state = c switch { '[' => State.Csi, ']' => State.Osc, _ => State.Text };
                    _parameters.Clear();
                    break;
                case State.Csi:
                    // ECMA-48 §5.4: parameter and intermediate bytes, then one final byte in 0x40–0x7E.
                    if (c is >= '@' and <= '~')
                    {
                        Control(c, _parameters.ToString());
                        _state = State.Text;
                    }
                    else
                    {
                        _parameters.Append(c);
                    }

                    break;
                case State.Osc:
                    // An OSC string ends with BEL or with ST (ESC \).
                    _state = c switch { '\a' => State.Text, '\u001b' => State.OscEscape, _ => State.Osc };
                    break;
                case State.OscEscape:
                    _state = c == '\\' ? State.Text : State.Osc;
                    break;
            }
        }
    }

    /// <summary>Whether any row of the screen holds <paramref name="text"/>.</summary>
    public bool Shows(string text)
    {
        var line = new char[columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                line[column] = _cells[row, column];
            }

            if (line.AsSpan().IndexOf(text.AsSpan(), StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                text.Append(_cells[row, column]);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private void Print(char c)
    {
        switch (c)
        {
            case '\u001b':
                _state = State.Escape;
                return;
            case '\r':
                _column = 0;
                return;
            case '\n':
                _row = Math.Min(_row + 1, rows - 1);
                return;
            case '\b':
                _column = Math.Max(_column - 1, 0);
                return;
        }

        if (char.IsControl(c))
        {
            return;
        }

        if (_column < columns)
        {
            _cells[_row, _column] = c;
        }

        _column++;
    }

    private void Control(char final, string parameters)
    {
        var numbers = parameters.TrimStart('?').Split(';');
        int Number(int index, int fallback) =>
            index < numbers.Length && int.TryParse(numbers[index], out var n) && n > 0 ? n : fallback;
        switch (final)
        {
            case 'H' or 'f':
                _row = Math.Clamp(Number(0, 1) - 1, 0, rows - 1);
                _column = Math.Clamp(Number(1, 1) - 1, 0, columns - 1);
                break;
            case 'J' when parameters == "2":
                Clear(0, rows);
                break;
            case 'K':
                for (var column = _column; column < columns; column++)
                {
                    _cells[_row, column] = ' ';
                }

                break;
        }
    }

    private void Clear(int from, int to)
    {
        for (var row = from; row < to; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                _cells[row, column] = ' ';
            }
        }
    }

    private static char[,] Blank(int columns, int rows)
    {
        var cells = new char[rows, columns];
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                cells[row, column] = ' ';
            }
        }

        return cells;
    }
}
