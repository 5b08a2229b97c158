using System.Globalization;

namespace Styx.Tui.Screens;

/// <summary>How screens write numbers, IDs, times and sizes, the same way everywhere.</summary>
internal static class CellText
{
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The first 8 characters of a UUID, as Nomad's CLI shows them.</summary>
    public static string ShortId(string id) => id.Length > 8 ? id[..8] : id;

    public static string Percent(double part, double whole) =>
        whole <= 0 ? "-" : (100 * part / whole).ToString("0", CultureInfo.InvariantCulture) + "%";

    public static string Mhz(long mhz) => mhz >= 10_000
        ? (mhz / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " GHz"
        : Number(mhz) + " MHz";

    public static string MiB(long mib) => mib >= 10 * 1024
        ? (mib / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " GiB"
        : Number(mib) + " MiB";

    public static string Bytes(ulong bytes) => MiB((long)(bytes / (1024 * 1024)));

    /// <summary>"3s", "5m", "2h", "4d": how long ago <paramref name="then"/> was.</summary>
    public static string Age(DateTimeOffset then, DateTimeOffset now)
    {
        var age = now - then;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalSeconds < 60 ? Number((long)age.TotalSeconds) + "s"
            : age.TotalMinutes < 60 ? Number((long)age.TotalMinutes) + "m"
            : age.TotalHours < 48 ? Number((long)age.TotalHours) + "h"
            : Number((long)age.TotalDays) + "d";
    }

    /// <summary>Nomad times are nanoseconds since the Unix epoch.</summary>
    public static DateTimeOffset FromNanoseconds(long nanoseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(nanoseconds / 1_000_000);

    public static string Clock(DateTimeOffset time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
