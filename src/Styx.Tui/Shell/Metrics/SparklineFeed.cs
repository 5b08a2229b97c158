using System.Collections.Immutable;
using Styx.Cluster.Metrics;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// The sparkline queries of one table screen while it is shown: one shared watch per query (each answers for every
/// row at once, one series per node or job), the latest snapshot of each kept for the screen's rows. Snapshots arrive
/// from the watches' threads through <c>post</c> (the UI loop), so <see cref="Latest"/> is read and written there only.
/// </summary>
internal sealed class SparklineFeed : IDisposable
{
    /// <summary>Sparklines show the last hour: long enough for a trend, and MetricRange's 15 s step keeps it fresh.</summary>
    public static readonly MetricRange Range = MetricRange.Default;

    private readonly List<IDisposable> _watches = [];
    private bool _disposed;

    /// <param name="changed">Called on the UI loop after a snapshot was taken in: rebuild the rows.</param>
    public SparklineFeed(IEnumerable<string> queries, MetricWatches watches, Action<Action> post, Action changed)
    {
        foreach (var promQL in queries)
        {
            _watches.Add(watches.Watch(promQL, Range, snapshot => post(() =>
            {
                if (!_disposed)
                {
                    Latest = Latest.SetItem(promQL, snapshot);
                    changed();
                }
            })));
        }
    }

    /// <summary>The latest snapshot of each query, by its PromQL.</summary>
    public ImmutableDictionary<string, MetricSnapshot> Latest { get; private set; } = ImmutableDictionary<string, MetricSnapshot>.Empty;

    /// <summary>Why there is no sparkline data (Prometheus not configured or unreachable), for the status line; null when there is.</summary>
    public string? Problem => Latest.Values.FirstOrDefault(s => s.Result is null && s.Error is not null)?.Error;

    public void Dispose()
    {
        _disposed = true;
        foreach (var watch in _watches)
        {
            watch.Dispose();
        }
    }
}
