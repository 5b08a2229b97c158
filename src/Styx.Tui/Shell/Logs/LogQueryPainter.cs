using Styx.Cluster.Text;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// Draws the LogQL line of a Logs screen in Loki mode as two header rows: the builder (label matchers as chips, then
/// the line filters and <c>| json</c>), or why the text has no builder; and the query text that is sent to Loki.
/// </summary>
internal static class LogQueryPainter
{
    public const int Rows = 2;

    private const string BuilderLabel = " builder  ";
    private const string TextLabel = " LogQL    ";

    public static void Paint(FrameLines lines, LogQueryLine line, int y, int width)
    {
        var dim = Palette.For(Screens.RowTone.Muted, false);
        lines.Put(0, y, ScreenPainter.Fit("", width), Palette.Normal);
        lines.Put(0, y, BuilderLabel, dim);
        var x = BuilderLabel.Length;
        if (line.Query is not { } query)
        {
            Put(lines, ref x, y, width, $"(query text only: {line.Error})", Palette.Error);
        }
        else
        {
            foreach (var matcher in query.Selector)
            {
                Put(lines, ref x, y, width, $" {matcher.Name}{matcher.Op}{matcher.Value} ", Palette.Chip);
                x++;
            }

            foreach (var filter in query.Filters)
            {
                Put(lines, ref x, y, width, filter + " ", Palette.Normal);
            }

            if (query.Json)
            {
                Put(lines, ref x, y, width, "| json", Palette.Normal);
            }
        }

        lines.Put(0, y + 1, TextLabel, dim);
        lines.Put(TextLabel.Length, y + 1, ScreenPainter.Fit(ControlCharacters.MakeVisible(line.Text), Math.Max(0, width - TextLabel.Length)), Palette.Normal);
    }

    /// <summary>Draws <paramref name="text"/> (made visible, cut at the edge) at <paramref name="x"/> and moves past it.</summary>
    private static void Put(FrameLines lines, ref int x, int y, int width, string text, Attribute attribute)
    {
        if (x >= width)
        {
            return;
        }

        var shown = ScreenPainter.Fit(ControlCharacters.MakeVisible(text), Math.Min(width - x, LogWrap.Columns(ControlCharacters.MakeVisible(text))));
        lines.Put(x, y, shown, attribute);
        x += LogWrap.Columns(shown);
    }
}
