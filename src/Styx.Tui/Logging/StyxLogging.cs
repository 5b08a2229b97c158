using System.Globalization;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Styx.Tui.Logging;

/// <summary>The server's Serilog pipeline: human text on stderr, every event on its own line whatever it carries.</summary>
internal static class StyxLogging
{
    /// <summary>Serilog's console layout, kept: time, level, message, then the exception on the lines below.</summary>
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <param name="output">Where the text goes (stderr in the server; a StringWriter in tests).</param>
    public static Serilog.Core.Logger Create(TextWriter output, LogEventLevel minimum = LogEventLevel.Information) =>
        new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .Enrich.With<ControlCharacterEnricher>()
            .WriteTo.Sink(new TextWriterSink(new OneEventPerLineFormatter(new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture)), output))
            .CreateLogger();
}
