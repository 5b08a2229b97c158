using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// Loki's request parameters (cluster-apis.md §2, source <c>pkg/loghttp</c>): timestamps, durations, limit and
/// direction, with Loki's defaults and error texts.
/// </summary>
internal static partial class LokiParameters
{
    /// <summary>Loki's default <c>max_entries_limit_per_query</c>.</summary>
    public const int MaxEntries = 5000;

    /// <summary>Loki refuses a range query with more points than this per series.</summary>
    public const int MaxPoints = 11_000;

    /// <summary>Reads a query or form value (form only on POST).</summary>
    public static string? Value(HttpContext context, string name)
    {
        if (context.Request.Query.TryGetValue(name, out var value))
        {
            return value.ToString();
        }

        return context.Request.HasFormContentType && context.Request.Form.TryGetValue(name, out var form) ? form.ToString() : null;
    }

    /// <summary>
    /// A timestamp as Loki reads it (source <c>loghttp.parseTimestamp</c>): a number with a dot is float seconds, an
    /// integer of up to 10 digits is seconds and a longer one nanoseconds, otherwise RFC 3339.
    /// </summary>
    public static DateTimeOffset Time(HttpContext context, string name, DateTimeOffset fallback)
    {
        var text = Value(context, name);
        if (string.IsNullOrEmpty(text))
        {
            return fallback;
        }

        if (text.Contains('.', StringComparison.Ordinal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond));
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return text.TrimStart('-').Length <= 10 ? DateTimeOffset.UnixEpoch.AddSeconds(integer) : DemoCluster.FromNanos(integer);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed;
        }

        throw DemoApiException.BadRequest($"cannot parse \"{text}\" to a valid timestamp");
    }

    /// <summary>A duration parameter (Prometheus form like <c>5m</c>, or float seconds), null when absent.</summary>
    public static TimeSpan? Duration(HttpContext context, string name)
    {
        var text = Value(context, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return TryParseDuration(text, out var duration)
            ? duration
            : throw DemoApiException.BadRequest($"cannot parse \"{text}\" to a valid duration");
    }

    /// <summary>A Prometheus duration: <c>1h30m</c>, <c>5m</c>, <c>250ms</c>, <c>1d</c>, <c>1w</c>, <c>1y</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = DurationPattern().Match(text);
        if (!match.Success || text.Length == 0)
        {
            return false;
        }

        foreach (Capture part in match.Groups["part"].Captures)
        {
            var unitAt = part.Value.IndexOfAny(['y', 'w', 'd', 'h', 'm', 's']);
            var number = long.Parse(part.Value.AsSpan(0, unitAt), NumberStyles.None, CultureInfo.InvariantCulture);
            duration += part.Value[unitAt..] switch
            {
                "y" => TimeSpan.FromDays(365 * number),
                "w" => TimeSpan.FromDays(7 * number),
                "d" => TimeSpan.FromDays(number),
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                _ => TimeSpan.FromMilliseconds(number),
            };
        }

        return true;
    }

    /// <summary><c>limit</c>: default 100, positive, at most <see cref="MaxEntries"/>, with Loki's texts.</summary>
    public static int Limit(HttpContext context)
    {
        var text = Value(context, "limit");
        if (string.IsNullOrEmpty(text))
        {
            return 100;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var limit))
        {
            throw DemoApiException.BadRequest($"strconv.ParseUint: parsing \"{text}\": invalid syntax");
        }

        if (limit <= 0)
        {
            throw DemoApiException.BadRequest("limit must be a positive value");
        }

        if (limit > MaxEntries)
        {
            throw DemoApiException.BadRequest($"max entries limit per query exceeded, limit > max_entries_limit_per_query ({limit} > {MaxEntries})");
        }

        return limit;
    }

    /// <summary><c>direction</c>: <c>backward</c> (default) or <c>forward</c>; true for forward.</summary>
    public static bool Forward(HttpContext context)
    {
        var text = Value(context, "direction");
        if (string.IsNullOrEmpty(text) || text.Equals("backward", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return text.Equals("forward", StringComparison.OrdinalIgnoreCase)
            ? true
            : throw DemoApiException.BadRequest($"invalid direction '{text}'");
    }

    [GeneratedRegex(@"^(?<part>[0-9]+(?:ms|y|w|d|h|m|s))+$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
