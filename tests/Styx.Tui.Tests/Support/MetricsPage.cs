using System.Globalization;
using System.Text;
using Styx.Tui.Hosting.Telemetry;

namespace Styx.Tui.Tests.Support;

/// <summary>
/// A server's <c>/metrics</c> page as the tests read it: every sample line's series (name and labels, as written)
/// and value. Comment lines (<c># HELP</c>, <c># TYPE</c>) are left out.
/// </summary>
internal static class MetricsPage
{
    public static async Task<string> TextAsync(StyxMetrics metrics)
    {
        using var page = new MemoryStream();
        await metrics.ExportAsync(page, CancellationToken.None);
        return Encoding.UTF8.GetString(page.ToArray());
    }

    public static async Task<IReadOnlyDictionary<string, double>> SamplesAsync(StyxMetrics metrics) => Samples(await TextAsync(metrics));

    public static IReadOnlyDictionary<string, double> Samples(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => !line.StartsWith('#'))
            .ToDictionary(line => line[..line.LastIndexOf(' ')], line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture), StringComparer.Ordinal);
}
