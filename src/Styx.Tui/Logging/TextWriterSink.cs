using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Styx.Tui.Logging;

/// <summary>Formatted events to a <see cref="TextWriter"/> (stderr in the server), one whole event at a time.</summary>
internal sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
{
    private readonly Lock _gate = new();

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter(output.FormatProvider);
        formatter.Format(logEvent, text);
        lock (_gate)
        {
            output.Write(text.ToString());
            output.Flush();
        }
    }
}
