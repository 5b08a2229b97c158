using Styx.Cluster.State;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// What a command may do to the session's shell. The host (<see cref="ScreenHost"/>) implements it by handing the
/// work to the part that owns it; commands hold no state of their own. Called on the UI thread.
/// </summary>
internal interface IShell
{
    SessionContext Session { get; }

    /// <summary>The snapshot as the session sees it: narrowed to its namespace.</summary>
    ClusterSnapshot Snapshot { get; }

    /// <summary>The session's namespace: a name, or <c>*</c> for all.</summary>
    string Namespace { get; }

    ScreenEntry Top { get; }

    /// <summary>Rows in one page of the table.</summary>
    int PageRows { get; }

    /// <summary>The terminal's width in columns.</summary>
    int Columns { get; }

    CommandTable Commands { get; }

    ActionRunner Actions { get; }

    void Open(Screen screen);

    /// <summary>esc: clears the filter, then the marks, then goes back one screen (never quits).</summary>
    void Back();

    void Quit();

    /// <summary>Opens the prompt line with <paramref name="text"/> typed (by default: the table's filter, or nothing).</summary>
    void OpenPrompt(PromptMode mode, string? text = null);

    void ShowOverlay(Overlay overlay, Action? onAccept = null);

    void Say(string message, bool error = false);

    /// <summary>The table state changed (selection, sort, marks): redraw.</summary>
    void TableChanged();

    /// <summary>Reads the current screen's detail again.</summary>
    void Reload();

    void SetNamespace(string nomadNamespace);

    /// <summary>Runs an action on the UI loop (from a background task).</summary>
    void Post(Action action);

    CancellationToken Stopping { get; }
}
