using System.Globalization;

namespace Styx.Tui.Configuration;

/// <summary>Durations as people type them in Styx: <c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>8h</c>, <c>7d</c>, or <c>hh:mm:ss</c>.</summary>
public static class DurationText
{
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = default;
        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
        }

        var (unit, length) = text.EndsWith("ms", StringComparison.Ordinal) ? (TimeSpan.FromMilliseconds(1), 2)
            : text.EndsWith('s') ? (TimeSpan.FromSeconds(1), 1)
            : text.EndsWith('m') ? (TimeSpan.FromMinutes(1), 1)
            : text.EndsWith('h') ? (TimeSpan.FromHours(1), 1)
            : text.EndsWith('d') ? (TimeSpan.FromDays(1), 1)
            : (TimeSpan.Zero, 0);
        if (length == 0 || !double.TryParse(text[..^length], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) || count < 0 || count > 1e6)
        {
            return false;
        }

        value = unit * count;
        return true;
    }

    /// <summary>The short form: <c>45s</c>, <c>12m</c>, <c>3h</c>, <c>2d</c>.</summary>
    public static string Format(TimeSpan value) => value switch
    {
        { TotalSeconds: < 60 } => $"{Math.Max(0, (int)value.TotalSeconds)}s",
        { TotalMinutes: < 60 } => $"{(int)value.TotalMinutes}m",
        { TotalHours: < 48 } => $"{(int)value.TotalHours}h",
        _ => $"{(int)value.TotalDays}d",
    };
}
