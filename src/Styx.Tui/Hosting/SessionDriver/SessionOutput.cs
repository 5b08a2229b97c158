using System.Drawing;
using System.Globalization;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Text;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Color = Terminal.Gui.Drawing.Color;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// Terminal.Gui's output for one SSH session. Each frame is collected and handed to the sink as one UTF-8 buffer.
/// Three things keep traffic small (terminal-gui-over-ssh.md §3): a shadow of what the client already shows, so cells
/// Terminal.Gui redraws unchanged are not sent again; cursor updates sent only when visibility, style or position
/// change; and colours written in the session's own depth (truecolor, 256, 16 or none), ignoring Terminal.Gui's
/// process-wide colour switch. Suspend (ctrl+z) does nothing: there is no process to stop on the client's behalf.
/// </summary>
internal sealed class SessionOutput : OutputBase, IOutput
{
    private const string Esc = "\u001b[";
    private readonly ColorDepth _depth;
    private readonly Action<byte[]> _sink;
    private readonly StringBuilder _frame = new();
    private Size _size;
    private ShownCell[,]? _shown;
    private bool _started;
    private bool _disposed;
    private Cursor _cursor = new();
    private bool _cursorShown;
    private CursorStyle _cursorStyleSent = CursorStyle.Default;
    private Point? _cursorAt;

    /// <param name="sink">Receives each frame; it must not block for long or throw (the host queues the bytes).</param>
    public SessionOutput(ColorDepth depth, int columns, int rows, Action<byte[]> sink)
    {
        _depth = depth;
        _sink = sink;
        _size = new Size(columns, rows);
        base.Force16Colors = depth == ColorDepth.Color16;
    }

    /// <summary>The session's depth decides; Terminal.Gui's static colour switch must not reach other sessions.</summary>
    bool IOutput.Force16Colors
    {
        get => _depth == ColorDepth.Color16;
        set { }
    }

    public Size GetSize() => _size;

    public void SetSize(int width, int height)
    {
        _size = new Size(width, height);
        _shown = null;
    }

    public Cursor GetCursor() => _cursor;

    public void SetCursor(Cursor cursor)
    {
        _cursor = cursor;
        if (!cursor.IsVisible)
        {
            if (_cursorShown)
            {
                _frame.Append(Esc).Append("?25l");
                _cursorShown = false;
            }
        }
        else
        {
            if (cursor.Style != _cursorStyleSent)
            {
                _frame.Append(EscSeqUtils.CSI_SetCursorStyle(cursor.Style));
                _cursorStyleSent = cursor.Style;
            }

            if (cursor.Position != _cursorAt)
            {
                var at = cursor.Position!.Value;
                AppendCursorPosition(at.X, at.Y);
                _cursorAt = at;
            }

            if (!_cursorShown)
            {
                _frame.Append(Esc).Append("?25h");
                _cursorShown = true;
            }
        }

        Flush();
    }

    public void Write(ReadOnlySpan<char> text)
    {
        _frame.Append(text);
        Flush();
    }

    public override void Write(IOutputBuffer buffer)
    {
        SuppressUnchangedCells(buffer);
        base.Write(buffer);
        // Text moved the terminal's cursor; the next cursor update must position it again.
        _cursorAt = null;
        Flush();
    }

    protected override void Write(StringBuilder output) => _frame.Append(output);

    protected override bool SetCursorPositionImpl(int screenPositionX, int screenPositionY)
    {
        AppendCursorPosition(screenPositionX, screenPositionY);
        return true;
    }

    protected override void AppendOrWriteAttribute(StringBuilder output, Attribute attr, TextStyle redrawTextStyle)
    {
        // One complete SGR per change (reset first) keeps every depth correct without tracking the previous style.
        output.Append(Esc).Append('0');
        AppendStyle(output, attr.Style);
        if (_depth != ColorDepth.Mono)
        {
            AppendColor(output, attr.Foreground, foreground: true);
            AppendColor(output, attr.Background, foreground: false);
        }

        output.Append('m');
    }

    public void Suspend()
    {
    }

    /// <summary>Leaves the client's terminal as it was: main screen, cursor shown, no bracketed paste.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (_started)
        {
            _frame.Append(Esc).Append("?2004l").Append(Esc).Append("0m").Append(Esc).Append("?1049l").Append(Esc).Append("?25h");
            Flush();
        }

        _disposed = true;
    }

    private void AppendCursorPosition(int column, int row) =>
        _frame.Append(Esc).Append((row + 1).ToString(CultureInfo.InvariantCulture)).Append(';').Append((column + 1).ToString(CultureInfo.InvariantCulture)).Append('H');

    private void AppendColor(StringBuilder output, Color color, bool foreground)
    {
        if (color == Color.None)
        {
            output.Append(foreground ? ";39" : ";49");
            return;
        }

        switch (_depth)
        {
            case ColorDepth.TrueColor:
                output.Append(foreground ? ";38;2;" : ";48;2;").Append(color.R).Append(';').Append(color.G).Append(';').Append(color.B);
                break;
            case ColorDepth.Color256:
                output.Append(foreground ? ";38;5;" : ";48;5;").Append(XtermPalette.Nearest256(color.R, color.G, color.B));
                break;
            default:
                var index = XtermPalette.Nearest16(color.R, color.G, color.B);
                var code = (index < 8 ? 30 + index : 90 + index - 8) + (foreground ? 0 : 10);
                output.Append(';').Append(code);
                break;
        }
    }

    private static void AppendStyle(StringBuilder output, TextStyle style)
    {
        if (style.HasFlag(TextStyle.Bold))
        {
            output.Append(";1");
        }

        if (style.HasFlag(TextStyle.Faint))
        {
            output.Append(";2");
        }

        if (style.HasFlag(TextStyle.Italic))
        {
            output.Append(";3");
        }

        if (style.HasFlag(TextStyle.Underline))
        {
            output.Append(";4");
        }

        if (style.HasFlag(TextStyle.Reverse))
        {
            output.Append(";7");
        }

        if (style.HasFlag(TextStyle.Strikethrough))
        {
            output.Append(";9");
        }
    }

    /// <summary>
    /// Terminal.Gui marks every cell a view draws as dirty, even when it is unchanged. Clearing the dirty flag of cells
    /// the client already shows (same text, attribute and link) leaves only real changes to send. Wide glyphs are
    /// always sent, since the cell after them is not drawn on its own.
    /// </summary>
    private void SuppressUnchangedCells(IOutputBuffer buffer)
    {
        var rows = buffer.Rows;
        var columns = buffer.Cols;
        if (_shown is null || _shown.GetLength(0) != rows || _shown.GetLength(1) != columns)
        {
            _shown = new ShownCell[rows, columns];
        }

        var contents = buffer.Contents!;
        var dirtyLines = buffer.DirtyLines;
        for (var row = 0; row < rows; row++)
        {
            if (!dirtyLines[row])
            {
                continue;
            }

            var changed = false;
            for (var column = 0; column < columns; column++)
            {
                ref var cell = ref contents[row, column];
                if (!cell.IsDirty)
                {
                    continue;
                }

                var shown = new ShownCell(cell.Grapheme, cell.Attribute, buffer.GetCellUrl(column, row), Known: true);
                var wide = cell.Grapheme.GetColumns() > 1;
                if (!wide && _shown[row, column] == shown)
                {
                    cell.IsDirty = false;
                    continue;
                }

                _shown[row, column] = wide ? default : shown;
                changed = true;
            }

            if (!changed)
            {
                dirtyLines[row] = false;
            }
        }
    }

    private void Flush()
    {
        // Nothing reaches the client after the terminal was handed back.
        if (_frame.Length == 0 || _disposed)
        {
            return;
        }

        if (!_started)
        {
            // Alternate screen, cleared, cursor hidden, bracketed paste: what a full-screen app sets up first.
            _frame.Insert(0, Esc + "?1049h" + Esc + "2J" + Esc + "H" + Esc + "?25l" + Esc + "?2004h");
            _started = true;
        }

        var bytes = Encoding.UTF8.GetBytes(_frame.ToString());
        _frame.Clear();
        _sink(bytes);
    }

    private readonly record struct ShownCell(string? Grapheme, Attribute? Attribute, string? Url, bool Known);
}
