using System.Globalization;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// <c>J</c> on a JSON log line: the whole object pretty-printed, scrolled with the usual keys; esc (or q) closes it.
/// The text passes through the frame's control-character guard like everything else drawn.
/// </summary>
internal sealed class JsonOverlay(string title, IReadOnlyList<string> lines, int pageRows) : Overlay
{
    private int _offset;

    public override string Title => lines.Count <= pageRows
        ? title
        : $"{title} ({(_offset + 1).ToString(CultureInfo.InvariantCulture)}–{Math.Min(lines.Count, _offset + pageRows).ToString(CultureInfo.InvariantCulture)} of {lines.Count.ToString(CultureInfo.InvariantCulture)})";

    public override IReadOnlyList<string> Lines => [.. lines.Skip(_offset).Take(pageRows)];

    public override OverlayOutcome HandleKey(Key key)
    {
        var last = Math.Max(0, lines.Count - pageRows);
        _offset = key.KeyCode switch
        {
            KeyCode.CursorDown or KeyCode.J => _offset + 1,
            KeyCode.CursorUp or KeyCode.K => _offset - 1,
            KeyCode.PageDown or KeyCode.Space => _offset + pageRows,
            KeyCode.PageUp => _offset - pageRows,
            KeyCode.Home or KeyCode.G => 0,
            KeyCode.End or (KeyCode.G | KeyCode.ShiftMask) => last,
            _ => _offset,
        };
        _offset = Math.Clamp(_offset, 0, last);
        return key.KeyCode is KeyCode.Esc or KeyCode.Q or KeyCode.Enter ? OverlayOutcome.Cancelled : OverlayOutcome.Open;
    }
}
