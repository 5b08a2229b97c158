using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Styx.Tui.Screens.Logs;

/// <summary>How a log line's level reads: the colour of its level word.</summary>
internal enum LogLevelTone
{
    Normal,
    Error,
    Warning,
    Debug,
}

/// <summary>
/// A log line that is a JSON object (structured logging: zap, zerolog, pino, slog, logrus…), read once so it can be
/// shown as <c>LEVEL message key=value …</c> instead of a wall of quotes (anchors.md §2 item 7: no Nomad tool does this).
/// The common keys are recognised by name; everything else stays, in the order the line had it. Pure: no terminal
/// concerns here; the caller makes the formatted text visible (the values may hold escaped control characters).
/// </summary>
internal sealed class JsonLogLine
{
    private static readonly string[] LevelKeys = ["level", "lvl", "severity", "loglevel", "@l"];
    private static readonly string[] MessageKeys = ["msg", "message", "@m"];
    private static readonly string[] TimeKeys = ["ts", "time", "timestamp", "@t"];

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Readable non-ASCII text; the writer still escapes control characters, which are what matters to a terminal.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<(string Key, string Value)> _fields;
    private readonly string _raw;

    private JsonLogLine(string raw, string? level, LogLevelTone tone, string? message, string? timeKey, List<(string, string)> fields)
    {
        _raw = raw;
        Level = level;
        Tone = tone;
        Message = message;
        TimeKey = timeKey;
        _fields = fields;
    }

    /// <summary>The level as the line wrote it, upper-cased (<c>ERROR</c>), or null when it has none.</summary>
    public string? Level { get; }

    public LogLevelTone Tone { get; }

    public string? Message { get; }

    /// <summary>The key the line's own timestamp is under, or null.</summary>
    public string? TimeKey { get; }

    /// <summary>The other keys with their values as text, in the line's order (the time key included).</summary>
    public IReadOnlyList<(string Key, string Value)> Fields => _fields;

    /// <summary>The line read as a JSON object, or null when it is not one (plain lines are shown untouched).</summary>
    public static JsonLogLine? Parse(string text)
    {
        var trimmed = text.AsSpan().Trim();
        if (trimmed.Length < 2 || trimmed[0] != '{' || trimmed[^1] != '}')
        {
            // Most plain lines end here, without a parser being started.
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? level = null, message = null, timeKey = null;
            var tone = LogLevelTone.Normal;
            var fields = new List<(string, string)>();
            foreach (var property in root.EnumerateObject())
            {
                var name = property.Name;
                if (level is null && Is(name, LevelKeys) && property.Value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    (level, tone) = ReadLevel(property.Value);
                }
                else if (message is null && Is(name, MessageKeys) && property.Value.ValueKind == JsonValueKind.String)
                {
                    message = property.Value.GetString();
                }
                else
                {
                    if (timeKey is null && Is(name, TimeKeys))
                    {
                        timeKey = name;
                    }

                    fields.Add((name, ValueText(property.Value)));
                }
            }

            return new JsonLogLine(text, level, tone, message, timeKey, fields);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// <c>LEVEL message key=value …</c>; the time key is left out when <paramref name="withoutTime"/> (the view shows
    /// its own timestamp column then, and the line's own one would only repeat it).
    /// </summary>
    public string Format(bool withoutTime)
    {
        var text = new StringBuilder();
        if (Level is not null)
        {
            text.Append(Level);
        }

        if (Message is not null)
        {
            Space(text).Append(Message);
        }

        foreach (var (key, value) in _fields)
        {
            if (withoutTime && key == TimeKey)
            {
                continue;
            }

            Space(text).Append(key).Append('=').Append(value);
        }

        return text.ToString();
    }

    /// <summary>The whole object, indented, one line per entry (for the <c>J</c> overlay).</summary>
    public IReadOnlyList<string> PrettyLines()
    {
        using var document = JsonDocument.Parse(_raw);
        return JsonSerializer.Serialize(document.RootElement, Pretty).Split('\n');
    }

    private static StringBuilder Space(StringBuilder text) => text.Length > 0 ? text.Append(' ') : text;

    private static bool Is(string name, string[] keys)
    {
        foreach (var key in keys)
        {
            if (string.Equals(name, key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static (string Level, LogLevelTone Tone) ReadLevel(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            // pino and bunyan write numbers: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
            return number switch
            {
                >= 60 => ("FATAL", LogLevelTone.Error),
                >= 50 => ("ERROR", LogLevelTone.Error),
                >= 40 => ("WARN", LogLevelTone.Warning),
                >= 30 => ("INFO", LogLevelTone.Normal),
                >= 20 => ("DEBUG", LogLevelTone.Debug),
                _ => ("TRACE", LogLevelTone.Debug),
            };
        }

        var text = (value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()) ?? "";
        var tone = text.ToLowerInvariant() switch
        {
            "error" or "err" or "fatal" or "panic" or "critical" or "crit" or "alert" or "emerg" or "emergency" or "dpanic" => LogLevelTone.Error,
            "warn" or "warning" => LogLevelTone.Warning,
            "debug" or "trace" or "verbose" => LogLevelTone.Debug,
            _ => LogLevelTone.Normal,
        };
        return (text.ToUpperInvariant(), tone);
    }

    private static string ValueText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => Quoted(value.GetString() ?? ""),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => value.GetRawText(),
        _ => value.GetRawText(),
    };

    /// <summary>A string value as logfmt writes it: bare when it is one word, quoted when it has spaces or is empty.</summary>
    private static string Quoted(string value) =>
        value.Length > 0 && !value.Any(c => char.IsWhiteSpace(c) || c is '"' or '=')
            ? value
            : "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
