using System.Globalization;

namespace Styx.Demo.Nomad;

/// <summary>Parses Go's <c>time.ParseDuration</c> syntax as Nomad's <c>wait</c> parameter uses it ("10s", "5m", "1m30s", "250ms").</summary>
internal static class GoDuration
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text.Length == 0)
        {
            return false;
        }

        if (text == "0")
        {
            return true;
        }

        var rest = text.AsSpan();
        double total = 0;
        while (rest.Length > 0)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            if (numberLength == 0 || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            rest = rest[numberLength..];
            var unitLength = 0;
            while (unitLength < rest.Length && !char.IsAsciiDigit(rest[unitLength]) && rest[unitLength] != '.')
            {
                unitLength++;
            }

            double? milliseconds = rest[..unitLength] switch
            {
                "ns" => value / 1_000_000,
                "us" or "µs" => value / 1_000,
                "ms" => value,
                "s" => value * 1_000,
                "m" => value * 60_000,
                "h" => value * 3_600_000,
                _ => null,
            };
            if (milliseconds is null)
            {
                return false;
            }

            total += milliseconds.Value;
            rest = rest[unitLength..];
        }

        duration = TimeSpan.FromMilliseconds(total);
        return true;
    }
}
