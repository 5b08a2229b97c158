using System.Globalization;
using System.Text.RegularExpressions;

namespace Styx.Deploy.Tests.Nomad;

/// <summary>
/// Go's <c>time.ParseDuration</c> text (<c>10s</c>, <c>1m30s</c>, <c>250ms</c>), which Nomad's job file uses for every
/// duration and turns into nanoseconds in the API JSON (<c>kill_timeout = "10s"</c> → <c>KillTimeout: 10000000000</c>).
/// </summary>
internal static partial class GoDuration
{
    private static readonly Dictionary<string, decimal> s_nanosecondsPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 1m, ["us"] = 1_000m, ["µs"] = 1_000m, ["ms"] = 1_000_000m,
        ["s"] = 1_000_000_000m, ["m"] = 60_000_000_000m, ["h"] = 3_600_000_000_000m,
    };

    /// <exception cref="FormatException">Not a Go duration; the message quotes it.</exception>
    public static long Nanoseconds(string text)
    {
        var parts = Part().Matches(text);
        if (text.Length == 0 || parts.Sum(p => p.Length) != text.Length)
        {
            throw new FormatException($"'{text}' is not a Go duration (write e.g. 10s, 1m30s, 250ms)");
        }

        var total = parts.Sum(p => decimal.Parse(p.Groups["n"].Value, CultureInfo.InvariantCulture) * s_nanosecondsPerUnit[p.Groups["unit"].Value]);
        return (long)total;
    }

    [GeneratedRegex(@"(?<n>[0-9]+(\.[0-9]+)?)(?<unit>ns|us|µs|ms|s|m|h)")]
    private static partial Regex Part();
}
