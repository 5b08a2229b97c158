using System.Collections.Immutable;
using Styx.Cluster.Metrics;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// The sparkline queries of one screen while it is shown, looked up by name in the metric catalog: one shared watch
/// per query (each answers for every row at once, one series per node or job), the latest snapshot of each kept for
/// the screen's rows. Snapshots arrive from the watches' threads through <c>post</c> (the UI loop), so
/// <see cref="Latest"/> is read and written there only.
/// </summary>
internal sealed class SparklineFeed : IDisposable
{
    /// <summary>Sparklines show the last hour: long enough for a trend, and MetricRange's 15 s step keeps it fresh.</summary>
    public static readonly MetricRange Range = MetricRange.Default;

    private readonly List<IDisposable> _watches = [];
    private readonly string? _unknown;
    private bool _disposed;

    /// <param name="names">Catalog query names. One the catalog lacks (a <c>metrics:catalog</c> that replaced the
    /// defaults) or that needs a subject is not watched: its cells show a dash and <see cref="Problem"/> says why.</param>
    /// <param name="changed">Called on the UI loop after a snapshot was taken in: rebuild the rows.</param>
    public SparklineFeed(IEnumerable<string> names, MetricCatalog catalog, MetricWatches watches, Action<Action> post, Action changed)
    {
        var unknown = new List<string>();
        foreach (var name in names)
        {
            if (PromQL(catalog, name) is not { } promQL)
            {
                unknown.Add(name);
                continue;
            }

            _watches.Add(watches.Watch(promQL, Range, snapshot => post(() =>
            {
                if (!_disposed)
                {
                    Latest = Latest.SetItem(name, snapshot);
                    changed();
                }
            })));
        }

        _unknown = unknown.Count == 0 ? null : "the metric catalog has no query " + string.Join(", ", unknown);
    }

    /// <summary>The latest snapshot of each query, by its catalog name.</summary>
    public ImmutableDictionary<string, MetricSnapshot> Latest { get; private set; } = ImmutableDictionary<string, MetricSnapshot>.Empty;

    /// <summary>
    /// Why some sparklines have no data (a query missing from the catalog, Prometheus not configured or unreachable),
    /// for the status line; null when there is none.
    /// </summary>
    public string? Problem => _unknown ?? Latest.Values.FirstOrDefault(s => s.Result is null && s.Error is not null)?.Error;

    public void Dispose()
    {
        _disposed = true;
        foreach (var watch in _watches)
        {
            watch.Dispose();
        }
    }

    /// <summary>The query's PromQL, or null when the catalog has no such query or it has placeholders (a sparkline query has no subject to fill them).</summary>
    private static string? PromQL(MetricCatalog catalog, string name)
    {
        if (catalog.Find(name) is not { } query)
        {
            return null;
        }

        try
        {
            return catalog.Render(query, new MetricSubject());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
