using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.State;
using Styx.Tui.Screens;
using Terminal.Gui.App;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Styx.Tui.Shell;

/// <summary>
/// The full-screen app of one session: a stack of screens drawn as tables, fed by the shared ClusterState (a new
/// snapshot redraws within one main-loop iteration, keeping selection, scroll, filter and marks), a prompt line for
/// <c>/</c> filters and <c>:</c> commands, a status line, and overlays for help and confirmations. All cluster changes
/// go through ClusterCommands. It draws every cell itself; the session's output sends only the cells that changed.
/// </summary>
internal sealed partial class StyxView : Runnable
{
    private readonly SessionContext _context;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Stack<ScreenState> _stack = new();
    private ClusterSnapshot _snapshot;
    private IDisposable? _subscription;
    private Terminal.Gui.Drivers.IDriver? _driver;
    private Overlay? _overlay;
    private Action? _onAccept;
    private string _message = "";
    private bool _messageIsError;
    private PromptMode _prompt = PromptMode.None;
    private string _promptText = "";

    public StyxView(SessionContext context, ILogger logger)
    {
        _context = context;
        _logger = logger;
        _snapshot = context.State.Current;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _stack.Push(new ScreenState(new OverviewScreen()));
        _message = Commands.SessionBanner.For(context.Caller, context.ClusterName, context.Demo) + (Caller.Role == Role.Viewer
            ? " · read-only: you can look at everything and change nothing · ? shows the keys"
            : " · ? shows the keys · : opens a screen (:jobs :nodes :allocs :services)");
    }

    private enum PromptMode
    {
        None,
        Filter,
        Command,
    }

    private Caller Caller => _context.Caller;

    private ScreenState Current => _stack.Peek();

    private bool ReadOnly => Caller.Role == Role.Viewer;

    /// <summary>The screen on top, for tests.</summary>
    internal Screen CurrentScreen => Current.Screen;

    /// <summary>Starts following the cluster; call once the view belongs to a running application.</summary>
    public void Attach(IApplication app)
    {
        _driver = app.Driver;
        if (_driver is not null)
        {
            _driver.ClearedContents += OnClearedContents;
        }

        _subscription = _context.State.Subscribe(snapshot => app.Invoke(() => OnSnapshot(snapshot)));
        // The clock in the status line shows minutes; one redraw a minute keeps it right without idle traffic.
        app.AddTimeout(TimeSpan.FromSeconds(15), () =>
        {
            Rebuild();
            return !_stop.IsCancellationRequested;
        });
        Rebuild();
    }

    private void OnClearedContents(object? sender, EventArgs e) => _lines.Invalidate();

    private void OnSnapshot(ClusterSnapshot snapshot)
    {
        if (_stop.IsCancellationRequested || snapshot.Version <= _snapshot.Version && _snapshot.Version != 0)
        {
            return;
        }

        _snapshot = snapshot;
        Rebuild();
    }

    /// <summary>Rebuilds the current screen's rows from the snapshot, keeping the selection on the same row.</summary>
    private void Rebuild()
    {
        var state = Current;
        state.Rows = state.Screen.Rows(new ScreenData(_snapshot, _context.Catalog, Caller, _context.Time.GetLocalNow()));
        ApplyFilterAndSort(state);
        LoadDetailIfNeeded(state);
        SetNeedsDraw();
    }

    private void ApplyFilterAndSort(ScreenState state)
    {
        IEnumerable<ScreenRow> rows = state.Rows.Where(r => r.Matches(state.Filter));
        if (state.SortColumn is { } column)
        {
            var comparer = new CellComparer(column);
            rows = state.SortDescending ? rows.Order(comparer).Reverse() : rows.Order(comparer);
        }

        state.Visible = [.. rows];
        var index = state.SelectedKey is null ? -1 : state.Visible.ToList().FindIndex(r => r.Key == state.SelectedKey);
        state.Selected = index >= 0 ? index : Math.Clamp(state.Selected, 0, Math.Max(0, state.Visible.Count - 1));
        state.SelectedKey = state.Visible.Count > 0 ? state.Visible[state.Selected].Key : null;
    }

    private void LoadDetailIfNeeded(ScreenState state)
    {
        var key = state.Screen.DetailKey(_snapshot);
        if (key is null || key == state.LoadedDetail)
        {
            return;
        }

        state.LoadedDetail = key;
        var app = App;
        _ = Task.Run(async () =>
        {
            try
            {
                await state.Screen.LoadDetailAsync(_context.State, _stop.Token).ConfigureAwait(false);
                state.Screen.DetailError = null;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Cluster.Nomad.NomadException ex)
            {
                state.Screen.DetailError = ex.Message;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever else went wrong, the screen says so instead of waiting for rows that never come.
                _logger.LogWarning(ex, "Loading {Screen} failed", state.Screen.Title);
                state.Screen.DetailError = "could not load this screen's details: " + ex.Message;
            }

            app?.Invoke(() =>
            {
                if (!_stop.IsCancellationRequested && _stack.Contains(state))
                {
                    Rebuild();
                }
            });
        });
    }

    private void Push(Screen screen)
    {
        var state = new ScreenState(screen);
        _stack.Push(state);
        var app = App;
        state.Watch = screen.Watch(() => app?.Invoke(() =>
        {
            if (!_stop.IsCancellationRequested && _stack.TryPeek(out var top) && top == state)
            {
                Rebuild();
            }
        }));
        _message = "";
        Rebuild();
    }

    private void Pop()
    {
        if (_stack.Count > 1)
        {
            _stack.Pop().Watch?.Dispose();
            Rebuild();
        }
    }

    /// <summary>Shows a notice from the host (e.g. the terminal is larger than Styx draws) on the message line; any thread.</summary>
    public void Notify(string message)
    {
        var app = App;
        if (app is null)
        {
            Say(message, error: true);
        }
        else
        {
            app.Invoke(() => Say(message, error: true));
        }
    }

    private void Say(string message, bool error = false)
    {
        // Messages carry Nomad's error texts and target names: visible before the line is fitted to the width.
        _message = Styx.Cluster.Text.ControlCharacters.MakeVisible(message);
        _messageIsError = error;
        SetNeedsDraw();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _subscription?.Dispose();
            foreach (var state in _stack)
            {
                state.Watch?.Dispose();
            }

            if (_driver is not null)
            {
                _driver.ClearedContents -= OnClearedContents;
            }

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Orders cells numerically when both are numbers (counts, percentages), otherwise as text.</summary>
    private sealed class CellComparer(int column) : IComparer<ScreenRow>
    {
        public int Compare(ScreenRow? x, ScreenRow? y)
        {
            var a = x is not null && column < x.Cells.Length ? x.Cells[column] : "";
            var b = y is not null && column < y.Cells.Length ? y.Cells[column] : "";
            return double.TryParse(a.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture, out var da)
                && double.TryParse(b.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture, out var db)
                ? da.CompareTo(db)
                : StringComparer.OrdinalIgnoreCase.Compare(a, b);
        }
    }
}
