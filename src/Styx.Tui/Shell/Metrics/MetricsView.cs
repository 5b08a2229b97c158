using Styx.Cluster.Metrics;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Metrics;

/// <summary>
/// What one open Metrics screen holds while it is on the navigation stack: its graphs, the range, the selected graph,
/// the cursor, and one shared watch per graph (<see cref="MetricWatches"/>) for as long as it is open. Used on the UI
/// thread only: each snapshot arrives from the watches' threads through <c>post</c>, which runs it on the UI loop,
/// and a snapshot from a watch this view has since replaced (the range changed) is dropped there.
/// </summary>
internal sealed class MetricsView : IDisposable
{
    private readonly MetricWatches _watches;
    private readonly Action<Action> _post;
    private readonly Action _changed;
    private readonly List<IDisposable> _open = [];
    private int _generation;
    private bool _disposed;

    /// <param name="post">Runs an action on the UI loop (from any thread).</param>
    /// <param name="changed">Called on the UI loop after a snapshot was taken in: redraw.</param>
    public MetricsView(MetricsScreen screen, MetricCatalog catalog, MetricWatches watches, Action<Action> post, Action changed)
    {
        _watches = watches;
        _post = post;
        _changed = changed;
        Screen = screen;
        Graphs = screen.Expression is { } expression
            ? [new MetricGraph(expression, MetricUnit.Count, expression)]
            : [.. catalog.For(screen.Scope ?? MetricScope.Cluster).Select(q => Rendered(catalog, q, screen.Subject))];
        Open();
    }

    public MetricsScreen Screen { get; }

    public IReadOnlyList<MetricGraph> Graphs { get; }

    public MetricRange Range { get; private set; } = MetricRange.Default;

    /// <summary>For <c>:metrics EXPR</c>: the instant vector as a table instead of the range as a graph.</summary>
    public bool Instant { get; private set; }

    public int Selected { get; private set; }

    /// <summary>The first graph shown (the view scrolls to keep the selected one on screen).</summary>
    public int First { get; set; }

    /// <summary>The cursor's plot column, or null when it is off (the legends then read the latest values).</summary>
    public int? Cursor { get; private set; }

    /// <summary>The plot columns of the last graph drawn (the cursor's bounds), set by the painter.</summary>
    public int PlotColumns { get; set; } = 1;

    public bool HasPrometheus => _watches.HasPrometheus;

    public MetricGraph? Current => Graphs.Count > 0 ? Graphs[Selected] : null;

    public void SetRange(MetricRange range)
    {
        Range = range;
        Reopen();
    }

    public void ToggleInstant()
    {
        Instant = !Instant;
        Reopen();
    }

    public void Select(int delta)
    {
        if (Graphs.Count > 0)
        {
            Selected = ((Selected + delta) % Graphs.Count + Graphs.Count) % Graphs.Count;
        }
    }

    /// <summary>Moves the cursor by <paramref name="delta"/> columns; the first move puts it at the right edge (now).</summary>
    public void MoveCursor(int delta) =>
        Cursor = Math.Clamp(Cursor is { } at ? at + delta : PlotColumns - 1, 0, Math.Max(0, PlotColumns - 1));

    /// <summary>esc: turns the cursor off when it is on (true), so a second esc leaves the screen.</summary>
    public bool ClearCursor()
    {
        if (Cursor is null)
        {
            return false;
        }

        Cursor = null;
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        Close();
    }

    private static MetricGraph Rendered(MetricCatalog catalog, MetricQuery query, MetricSubject subject)
    {
        try
        {
            return new MetricGraph(query.Title, query.Unit, catalog.Render(query, subject));
        }
        catch (ArgumentException ex)
        {
            return new MetricGraph(query.Title, query.Unit, query.PromQL, ex.Message);
        }
    }

    private void Reopen()
    {
        Close();
        foreach (var graph in Graphs)
        {
            graph.Snapshot = null;
        }

        Open();
    }

    private void Open()
    {
        var generation = ++_generation;
        foreach (var graph in Graphs.Where(g => g.Error is null))
        {
            _open.Add(_watches.Watch(graph.PromQL, Instant ? null : Range, snapshot => _post(() =>
            {
                if (_disposed || generation != _generation)
                {
                    return;
                }

                graph.Snapshot = snapshot;
                _changed();
            })));
        }
    }

    private void Close()
    {
        foreach (var watch in _open)
        {
            watch.Dispose();
        }

        _open.Clear();
    }
}
