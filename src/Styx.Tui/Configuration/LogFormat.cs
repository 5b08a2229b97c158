namespace Styx.Tui.Configuration;

/// <summary>How the server's own log is written to stderr (<c>logging:format</c>, <c>--log-format</c>).</summary>
public enum LogFormat
{
    /// <summary>Human text when stderr is a terminal, JSON otherwise (a service manager, Nomad, a pipe).</summary>
    Auto,

    /// <summary>Human text: time, level, message, one event per line.</summary>
    Text,

    /// <summary>Compact JSON (CLEF), one object per line, for Promtail and Loki.</summary>
    Json,
}
