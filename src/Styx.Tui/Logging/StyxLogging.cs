using System.Globalization;
using Serilog;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
using Styx.Tui.Configuration;

namespace Styx.Tui.Logging;

/// <summary>
/// The server's Serilog pipeline (<see cref="LoggingSettings"/>): human text on stderr when a person reads it, compact
/// JSON (CLEF, one object per line) when a service manager or Promtail does, and optionally a daily file in JSON. Every
/// format gets its untrusted text through <see cref="ControlCharacterEnricher"/>, and no event can span two lines.
/// </summary>
internal static class StyxLogging
{
    /// <summary>Serilog's console layout, kept: time, level, message, then the exception on the lines below.</summary>
    private const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <param name="console">Where the log goes (stderr in the server; a StringWriter in tests).</param>
    /// <param name="consoleIsTerminal">Whether a person is watching <paramref name="console"/>: decides
    /// <see cref="LogFormat.Auto"/>. Only the program's edge asks the operating system.</param>
    /// <exception cref="ConfigurationError">The log file's folder cannot be created.</exception>
    public static Serilog.Core.Logger Create(LoggingSettings settings, TextWriter console, bool consoleIsTerminal)
    {
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(settings.Level)
            .Enrich.With<ControlCharacterEnricher>();
        foreach (var (prefix, level) in settings.Overrides)
        {
            configuration.MinimumLevel.Override(prefix, level);
        }

        var json = settings.Format == LogFormat.Json || (settings.Format == LogFormat.Auto && !consoleIsTerminal);
        configuration.WriteTo.Sink(new TextWriterSink(json ? Json() : Text(), console));
        if (settings.FilePath is { } path)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(path) ?? ".");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ConfigurationError($"logging:file: cannot create the folder of {path}: {ex.Message}");
            }

            configuration.WriteTo.File(Json(), path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: settings.RetainedFiles, hooks: new OwnerOnlyLogFiles());
        }

        return configuration.CreateLogger();
    }

    private static OneEventPerLineFormatter Text() => new(new MessageTemplateTextFormatter(Template, CultureInfo.InvariantCulture));

    /// <summary>
    /// CLEF with the rendered message (<c>@m</c>) so a line reads well in Grafana, and <c>@i</c> to group events by
    /// template. JSON escapes line feeds and C0 controls itself (an exception's text stays inside its string); the
    /// outer formatter also makes DEL and C1 controls visible, which JSON leaves raw. Strings in <c>@m</c> read as in
    /// the text log, unquoted (<see cref="LiteralStringsFormatter"/>).
    /// </summary>
    private static OneEventPerLineFormatter Json() => new(new LiteralStringsFormatter(new RenderedCompactJsonFormatter()));
}
