using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.State;
using Styx.Tui.Screens;
using Styx.Tui.Screens.Logs;
using Styx.Tui.Shell.Logs;
using Styx.Tui.Shell.Metrics;
using Styx.Tui.Shell.Commands;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace Styx.Tui.Shell;

/// <summary>
/// The full-screen app of one session, as Terminal.Gui sees it: one view that wires the parts together and owns none
/// of their state. The <see cref="Navigator"/> holds the screens, each entry its <see cref="TableState"/> and detail;
/// the <see cref="DetailLoader"/> reads details; <see cref="PromptLine"/>, <see cref="OverlayHost"/> and
/// <see cref="StatusLine"/> do what they say; every key goes through the <see cref="CommandTable"/>. Terminal.Gui is the
/// input parser and main loop only (docs/architecture.md says why); frames are composed by <see cref="ScreenPainter"/>.
/// </summary>
internal sealed class ScreenHost : Runnable, IShell
{
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Navigator _navigator;
    private readonly OverlayHost _overlays = new();
    private readonly PromptLine _prompt;
    private readonly FrameLines _lines = new();
    private readonly KeyRouter _keys;
    private readonly SessionView _cluster;
    private readonly LogFramePacer _logFrames;
    private Action? _wake;
    private DetailLoader? _details;
    private IDisposable? _subscription;
    private readonly MessageLine _message;
    private Terminal.Gui.Drivers.IDriver? _driver;

    public ScreenHost(SessionContext session, ILogger logger)
    {
        Session = session;
        _logger = logger;
        _cluster = new SessionView(session.State.CurrentIn(Cluster.Nomad.Namespace.All), session.Namespace);
        _logFrames = new LogFramePacer(session.Time);
        Commands = CommandTable.Default(session.ExtraScreens);
        Actions = new ActionRunner(this, logger);
        _prompt = new PromptLine(typed => Commands.Complete(typed, _cluster.Names));
        _navigator = new Navigator(new OverviewScreen(), session.State, session.Namespace, entry => Post(() => Rebuild(entry)));
        _keys = new KeyRouter(this, _overlays, _prompt);
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _message = new MessageLine(Styx.Tui.Commands.SessionBanner.Welcome(session.Caller, session.ClusterName, session.Demo));
    }

    public SessionContext Session { get; }

    public ClusterSnapshot Snapshot => _cluster.View;

    public string Namespace => _cluster.Namespace;

    public ScreenEntry Top => _navigator.Top;

    public int PageRows => Math.Max(1, Viewport.Height - ScreenPainter.Chrome);

    public int Columns => Viewport.Width;

    public CommandTable Commands { get; }

    public ActionRunner Actions { get; }

    public CancellationToken Stopping => _stop.Token;

    /// <summary>Starts following the cluster; call once the view belongs to a running application.</summary>
    /// <param name="wake">
    /// Starts the UI loop's next iteration now (the session's pacer): without it, work queued with
    /// <see cref="IApplication.Invoke(Action)"/> from another thread (a cluster snapshot, a metric answer) waits up to a
    /// whole pacing period before it is drawn.
    /// </param>
    public void Attach(IApplication app, Action? wake = null)
    {
        _wake = wake;
        _driver = app.Driver;
        if (_driver is not null)
        {
            _driver.ClearedContents += OnClearedContents;
        }

        _details = new DetailLoader(Session.State, Post, entry => Rebuild(entry), _logger, _stop.Token);
        // Every namespace: the session narrows each snapshot to its own view, so :ns needs no new subscription.
        _subscription = Session.State.Subscribe(Cluster.Nomad.Namespace.All, snapshot =>
        {
            app.Invoke(() => OnSnapshot(snapshot));
            _wake?.Invoke();
        });

        // The clock in the status line shows minutes; one redraw every 15 s keeps it right without idle traffic.
        app.AddTimeout(TimeSpan.FromSeconds(15), () =>
        {
            Rebuild(Top);
            return !_stop.IsCancellationRequested;
        });
        ShowSparklines(Top);
        Rebuild(Top);
    }

    /// <summary>Starts the watches of <paramref name="entry"/>'s sparklines (the screen now shown), when it has any.</summary>
    private void ShowSparklines(ScreenEntry entry)
    {
        if (entry.Screen.SparklineQueries.Count > 0 && entry.Sparklines is null)
        {
            entry.Sparklines = new SparklineFeed(entry.Screen.SparklineQueries, Session.MetricCatalog, Session.Metrics, Post, () => Rebuild(entry));
        }
    }

    public void Open(Screen screen)
    {
        // Only the shown screen's sparklines are watched.
        Top.Sparklines?.Dispose();
        Top.Sparklines = null;
        var entry = _navigator.Push(screen);
        ShowSparklines(entry);
        if (screen is LogsScreen logs)
        {
            entry.Logs = new LogView(logs.Target, Session.Logs, Session.State, Session.Time.LocalTimeZone, () => Post(() => LogsArrived(entry)));

            // The buffer may have had news while the view was being made (a tail's backlog, the follower's first
            // status): that wake-up found no view yet and went unanswered, and the buffer wakes a reader only once
            // until it is acknowledged. Pull now, which acknowledges.
            LogsArrived(entry);
        }

        else if (screen is MetricsScreen metrics)
        {
            entry.Metrics = new MetricsView(metrics, Session.MetricCatalog, Session.Metrics, Post, () =>
            {
                if (_navigator.IsTop(entry))
                {
                    SetNeedsDraw();
                }
            });
        }

        _message.Clear();
        Rebuild(Top);
    }

    public void Back()
    {
        if (Top.Logs?.ClearFilter() == true || Top.Metrics?.ClearCursor() == true || Top.Table.ClearFilterOrMarks())
        {
            SetNeedsDraw();
        }
        else if (_navigator.Pop())
        {
            ShowSparklines(Top);
            Rebuild(Top);
        }
        else
        {
            Say("this is the first screen; q quits");
        }
    }

    public void Quit() => App?.RequestStop();

    public void OpenPrompt(PromptMode mode, string? text = null)
    {
        _prompt.Open(mode, text ?? (mode == PromptMode.Filter ? Top.Table.Filter : ""));
        SetNeedsDraw();
    }

    public void ShowOverlay(Overlay overlay, Action? onAccept = null)
    {
        _overlays.Show(overlay, onAccept);
        SetNeedsDraw();
    }

    public void Say(string message, bool error = false)
    {
        _message.Say(message, error);
        SetNeedsDraw();
    }

    /// <summary>A notice from the host (e.g. the terminal is larger than Styx draws), from any thread.</summary>
    public void Notify(string message) => Post(() => Say(message, error: true));

    public void TableChanged() => SetNeedsDraw();

    public void Reload()
    {
        DetailLoader.Invalidate(Top);
        Rebuild(Top);
        Say("refreshed");
    }

    public void SetNamespace(string nomadNamespace)
    {
        _cluster.SetNamespace(nomadNamespace);
        _navigator.Rewatch(nomadNamespace);
        Rebuild(Top);
        Say(nomadNamespace == "*" ? "showing every namespace" : "namespace " + nomadNamespace);
    }

    /// <summary>Runs <paramref name="action"/> on the UI loop, unless the session has ended by then.</summary>
    public void Post(Action action)
    {
        void Run()
        {
            if (!_stop.IsCancellationRequested)
            {
                action();
            }
        }

        if (App is { } app)
        {
            app.Invoke(Run);
            _wake?.Invoke();
        }
        else
        {
            Run();
        }
    }

    protected override bool OnKeyDown(Key key)
    {
        // Every key is handled here: a stray key must never reach Terminal.Gui's defaults (esc would quit).
        _keys.Handle(key);
        return true;
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (Viewport.Width <= 0 || Viewport.Height <= 0)
        {
            return true;
        }

        var caller = Session.Caller;
        var view = _cluster.View;
        // Missing sparklines are a note here, never an error box: the tables work without Prometheus.
        IReadOnlyList<string> hints = Top.Sparklines?.Problem is { } problem
            ? ["⚠ no metrics: " + LineChart.Cut(Cluster.Text.ControlCharacters.MakeVisible(problem), 40), .. Commands.Hints(Top.Screen, caller.Role)]
            : Commands.Hints(Top.Screen, caller.Role);
        var (status, healthy) = StatusLine.Compose(view, Session.ClusterName, Namespace, caller, Session.Time.GetLocalNow(),
            t => TimeZoneInfo.ConvertTime(t, Session.Time.LocalTimeZone), hints, Viewport.Width);
        var badges = (caller.Role == Role.Viewer ? " READ-ONLY " : "") + (Session.Demo ? " DEMO " : "");
        var stale = !view.Connection.Reachable && view.Connection.LastSuccess is not null;
        var frame = new Frame(Top.Screen.Title(DataFor(Top)), Top, stale, badges, _prompt, _message.Shown(_prompt), _message.IsError, status, healthy, _overlays.Current,
            Session.Time.GetUtcNow(), Session.Time.LocalTimeZone);
        _lines.Begin(Viewport.Width, Viewport.Height);
        ScreenPainter.Paint(_lines, frame, Viewport.Width, Viewport.Height);
        _lines.Draw(this);
        return true;
    }

    /// <summary>Every line is drawn in <see cref="OnDrawingContent"/> (the changed ones again), so no clearing first.</summary>
    protected override bool OnClearingViewport() => true;

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            // Cancelled, not disposed: a detail load still finishing reads this token.
            _stop.Cancel();
            _subscription?.Dispose();
            _navigator.Dispose();
            if (_driver is not null)
            {
                _driver.ClearedContents -= OnClearedContents;
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>A Logs screen's buffer has news: it takes it now (even under another screen, so its buffer is read) and redraws if shown.</summary>
    private void LogsArrived(ScreenEntry entry)
    {
        if (entry.Logs is not { } view)
        {
            return;
        }

        // Taken and drawn at the pace LogFramePacer sets (a burst must not cost a full redraw per batch).
        if (_logFrames.Wait is var wait && wait > TimeSpan.Zero && App is { } app)
        {
            if (!_logFrames.Scheduled)
            {
                _logFrames.Scheduled = true;
                app.AddTimeout(wait, () =>
                {
                    _logFrames.Scheduled = false;
                    LogsArrived(entry);
                    return false;
                });
            }

            return;
        }

        var before = view.Lines.Next;
        view.Pull();
        _logFrames.Drew(view.Lines.Next - before, PageRows);
        if (view.Filter.TakeFailure() is { } failure)
        {
            Say(failure, error: true);
        }

        if (_navigator.IsTop(entry))
        {
            SetNeedsDraw();
        }
    }

    private void OnClearedContents(object? sender, EventArgs e) => _lines.Invalidate();

    private void OnSnapshot(ClusterSnapshot snapshot)
    {
        if (!_stop.IsCancellationRequested && _cluster.Update(snapshot))
        {
            Rebuild(Top);
        }
    }

    /// <summary>Rebuilds an entry's rows (if it is on top) from the snapshot and its detail, keeping its table state.</summary>
    private void Rebuild(ScreenEntry entry)
    {
        if (!_navigator.IsTop(entry))
        {
            return;
        }

        entry.Table.SetRows(entry.Screen.Rows(DataFor(entry)));
        _details?.Ensure(entry, _cluster.View);
        SetNeedsDraw();
    }

    private ScreenData DataFor(ScreenEntry entry) =>
        new(_cluster.View, Session.Catalog, Session.Caller, Session.Time.GetLocalNow(), entry.Detail.Value, entry.Detail.Error, _cluster.Shared,
            entry.Sparklines?.Latest);
}
