using Serilog.Events;
using Serilog.Formatting;
using Serilog.Parsing;

namespace Styx.Tui.Logging;

/// <summary>
/// Renders string values in an event's message as they are, as the text log's <c>{Message:lj}</c> does: Serilog's
/// rendered message (CLEF's <c>@m</c>) would quote them, so a line read in Grafana said
/// <c>Connection 2 from "127.0.0.1:5555" ended after 9.5 s" (alice)"</c>. Only the message changes: the properties
/// keep their types, and the template text (which CLEF's <c>@i</c> is computed from) stays the same.
/// </summary>
internal sealed class LiteralStringsFormatter(ITextFormatter inner) : ITextFormatter
{
    private const string Literal = "l";

    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var template = logEvent.MessageTemplate;
        var tokens = template.Tokens.Select(token => token is PropertyToken { Format: null } property
            && logEvent.Properties.TryGetValue(property.PropertyName, out var value) && value is ScalarValue { Value: string }
                ? new PropertyToken(property.PropertyName, property.ToString(), Literal, property.Alignment)
                : token).ToList();
        var literal = new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, new MessageTemplate(template.Text, tokens),
            logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)), logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        inner.Format(literal, output);
    }
}
