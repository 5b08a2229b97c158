using System.Collections.Immutable;
using Serilog.Events;

namespace Styx.Tui.Configuration;

/// <summary>The server's own log (<c>logging:*</c>): levels, format, and an optional rolling file. Not the audit log.</summary>
public sealed record LoggingSettings
{
    /// <summary>The least level written (<c>logging:level</c>, <c>--log-level</c>).</summary>
    public LogEventLevel Level { get; init; } = LogEventLevel.Information;

    /// <summary>
    /// Levels per source (<c>logging:overrides:&lt;prefix&gt;</c>): a logger whose name (its class's full name, e.g.
    /// <c>Styx.Ssh.Server.SshServer</c>) is the prefix or starts with it and a dot uses that level instead.
    /// </summary>
    public ImmutableDictionary<string, LogEventLevel> Overrides { get; init; } = ImmutableDictionary<string, LogEventLevel>.Empty;

    /// <summary>stderr's format (<c>logging:format</c>, <c>--log-format</c>).</summary>
    public LogFormat Format { get; init; } = LogFormat.Auto;

    /// <summary>
    /// A file that also gets every event as JSON (<c>logging:file</c>, <c>--log-file</c>), a new one each day with the
    /// date before the extension (<c>styx.log</c> → <c>styx20260314.log</c>); null for none.
    /// </summary>
    public string? FilePath { get; init; }

    /// <summary>How many daily files are kept (<c>logging:retainedFiles</c>); older ones are deleted.</summary>
    public int RetainedFiles { get; init; } = 7;
}
