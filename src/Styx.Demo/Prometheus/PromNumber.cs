using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Styx.Demo.Prometheus;

/// <summary>Prometheus's spellings of numbers, timestamps and durations on the wire (cluster-apis.md §3).</summary>
internal static partial class PromNumber
{
    /// <summary>
    /// A sample value as Prometheus writes it: Go's <c>strconv.FormatFloat(v, 'f', -1, 64)</c> (shortest digits that
    /// round-trip, never an exponent), and <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.
    /// </summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return shortest;
        }

        // "-1.2345E-07" → digits "12345", point after 1 digit, exponent -7.
        var negative = shortest[0] == '-';
        var mantissa = shortest[(negative ? 1 : 0)..e];
        var exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", "", StringComparison.Ordinal);
        var point = (dot < 0 ? mantissa.Length : dot) + exponent;
        var text = new StringBuilder(negative ? "-" : "");
        if (point <= 0)
        {
            text.Append("0.").Append('0', -point).Append(digits);
        }
        else if (point >= digits.Length)
        {
            text.Append(digits).Append('0', point - digits.Length);
        }
        else
        {
            text.Append(digits, 0, point).Append('.').Append(digits, point, digits.Length - point);
        }

        return text.ToString();
    }

    /// <summary>
    /// A timestamp in the JSON answers: whole seconds, then three digits of milliseconds only when there are any
    /// (Prometheus's <c>jsonutil.MarshalTimestamp</c>), e.g. <c>1795516784.359</c> or <c>1795516784</c>.
    /// </summary>
    public static string Timestamp(long milliseconds)
    {
        var sign = milliseconds < 0 ? "-" : "";
        var abs = Math.Abs(milliseconds);
        var fraction = abs % 1000;
        return fraction == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 1000}")
            : string.Create(CultureInfo.InvariantCulture, $"{sign}{abs / 1000}.{fraction:000}");
    }

    /// <summary>
    /// A time parameter (Prometheus's API <c>parseTime</c>): Unix seconds, fractions rounded to the millisecond, or
    /// RFC 3339. Null when neither.
    /// </summary>
    public static long? ParseTime(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds) && !double.IsInfinity(seconds))
        {
            var whole = Math.Truncate(seconds);
            return (long)whole * 1000 + (long)Math.Round((seconds - whole) * 1000);
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUnixTimeMilliseconds()
            : null;
    }

    /// <summary>A duration parameter (the API's <c>parseDuration</c>): float seconds or a Prometheus duration. Null when neither.</summary>
    public static TimeSpan? ParseDurationParameter(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds) && !double.IsInfinity(seconds))
        {
            var ms = Math.Round(seconds * 1000);
            return Math.Abs(ms) < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : null;
        }

        return ParseDuration(text);
    }

    /// <summary>A Prometheus duration (<c>model.ParseDuration</c>): units y w d h m s ms, largest first, each at most once; or 0.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        if (text == "0")
        {
            return TimeSpan.Zero;
        }

        var match = DurationPattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return null;
        }

        double[] unitMs = [365 * 86400e3, 7 * 86400e3, 86400e3, 3600e3, 60e3, 1e3, 1];
        double total = 0;
        for (var i = 0; i < unitMs.Length; i++)
        {
            if (match.Groups[i + 1].Success)
            {
                total += double.Parse(match.Groups[i + 1].Value, CultureInfo.InvariantCulture) * unitMs[i];
            }
        }

        return total < TimeSpan.MaxValue.TotalMilliseconds ? TimeSpan.FromMilliseconds(total) : null;
    }

    [GeneratedRegex("^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();
}
