using Serilog.Events;
using Serilog.Formatting;
using Styx.Cluster.Text;

namespace Styx.Tui.Logging;

/// <summary>
/// Log text in which only the start of a line can start an event: the inner formatter's text has its control
/// characters made visible, and every line after an event's first (an exception's message and stack) is indented, so
/// text inside an exception cannot pass for an event of its own either. Around a JSON formatter (one line per event
/// already) it only makes visible the controls JSON leaves raw (DEL, C1).
/// </summary>
internal sealed class OneEventPerLineFormatter(ITextFormatter inner) : ITextFormatter
{
    private const string Continuation = "    ";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var rendered = new StringWriter(output.FormatProvider);
        inner.Format(logEvent, rendered);
        var lines = ControlCharacters.MakeVisibleKeepingLines(rendered.ToString()).TrimEnd('\n').Split('\n');
        output.Write(lines[0]);
        output.Write('\n');
        for (var i = 1; i < lines.Length; i++)
        {
            output.Write(Continuation);
            output.Write(lines[i]);
            output.Write('\n');
        }
    }
}
