using Styx.Cluster.Text;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell;

/// <summary>A piece of one screen line: text at a column, in one colour.</summary>
internal readonly record struct LineSpan(int X, string Text, Attribute Attribute);

/// <summary>
/// The frame ScreenPainter composes, line by line, and the lines it last handed to Terminal.Gui. Only lines that differ
/// from the last frame are drawn again. Redrawing all 120×40 cells on every key cost ≈10 ms of server CPU per key,
/// most of it Terminal.Gui's per-cell work (grapheme segmentation, width tables, a lock per cell, per perf), and 50
/// sessions typing at once saturated two cores (key-to-frame p99 ≈400 ms); drawing only changed lines brought it to
/// ≈1.8 ms per key and p99 ≈9 ms (bench/Styx.Tui.Benchmarks). The session output's shadow diff still decides which
/// cells go over the wire; this decides which cells are drawn.
/// </summary>
internal sealed class FrameLines
{
    private List<LineSpan>[] _composing = [];
    private LineSpan[]?[] _drawn = [];
    private int _width;

    /// <summary>Starts a frame of this size; a new size forgets everything drawn before.</summary>
    public void Begin(int width, int height)
    {
        if (width != _width || height != _composing.Length)
        {
            _width = width;
            _composing = new List<LineSpan>[height];
            for (var y = 0; y < height; y++)
            {
                _composing[y] = [];
            }

            _drawn = new LineSpan[]?[height];
            return;
        }

        foreach (var line in _composing)
        {
            line.Clear();
        }
    }

    /// <summary>
    /// Adds text to the frame; later spans cover earlier ones. Lines outside the frame are ignored. Every span passes
    /// through <see cref="ControlCharacters.MakeVisible"/>: whatever path cluster text took to get here (a row, a
    /// message, a dialog), no control character reaches the terminal.
    /// </summary>
    public void Put(int x, int y, string text, Attribute attribute)
    {
        if (y >= 0 && y < _composing.Length)
        {
            _composing[y].Add(new LineSpan(x, ControlCharacters.MakeVisible(text), attribute));
        }
    }

    /// <summary>The lines whose spans differ from the last frame's, which from now on count as drawn.</summary>
    public IEnumerable<(int Y, IReadOnlyList<LineSpan> Spans)> TakeChanged()
    {
        for (var y = 0; y < _composing.Length; y++)
        {
            var spans = _composing[y];
            if (_drawn[y] is { } drawn && drawn.AsSpan().SequenceEqual(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(spans)))
            {
                continue;
            }

            _drawn[y] = [.. spans];
            yield return (y, spans);
        }
    }

    /// <summary>Draws the lines that changed since the last frame into <paramref name="view"/> (Terminal.Gui's cell buffer).</summary>
    public void Draw(Terminal.Gui.ViewBase.View view)
    {
        foreach (var (y, spans) in TakeChanged())
        {
            if (spans.Count == 0 || spans[0].X != 0 || spans[0].Text.Length < _width)
            {
                // The line's spans may not cover it; blank it so nothing of the last frame shows through.
                view.SetAttribute(Palette.Normal);
                view.Move(0, y);
                view.AddStr(new string(' ', _width));
            }

            foreach (var span in spans)
            {
                view.SetAttribute(span.Attribute);
                view.Move(span.X, y);
                view.AddStr(span.Text);
            }
        }
    }

    /// <summary>Terminal.Gui cleared its buffer (a forced redraw): every line must be drawn again.</summary>
    public void Invalidate() => Array.Clear(_drawn);
}
