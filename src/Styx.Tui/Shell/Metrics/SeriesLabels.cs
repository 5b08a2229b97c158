using Styx.Cluster.Text;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// Legend labels for the series of one answer, as Grafana names them: the labels whose values differ between series
/// (<c>host=node-1</c> → <c>node-1</c> when only one label differs), else the expression's title. Label values are
/// Prometheus's (outside text), so they are made visible here, before their width is measured.
/// </summary>
internal static class SeriesLabels
{
    public static IReadOnlyList<string> Of(IReadOnlyList<IReadOnlyDictionary<string, string>> metrics, string title)
    {
        if (metrics.Count == 0)
        {
            return [];
        }

        var keys = metrics.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var varying = keys.Where(k => metrics.Select(m => m.GetValueOrDefault(k)).Distinct(StringComparer.Ordinal).Skip(1).Any()).ToList();
        if (metrics.Count == 1)
        {
            // One series: its labels say what it is, unless it has none (sum(…)).
            varying = [.. keys.Where(k => k != "__name__")];
        }

        return [.. metrics.Select(m =>
        {
            if (varying.Count == 0)
            {
                return ControlCharacters.MakeVisible(m.GetValueOrDefault("__name__") ?? title);
            }

            return ControlCharacters.MakeVisible(varying.Count == 1
                ? m.GetValueOrDefault(varying[0]) ?? ""
                : string.Join(",", varying.Where(m.ContainsKey).Select(k => k + "=" + m[k])));
        })];
    }
}
