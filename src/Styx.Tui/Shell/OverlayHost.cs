using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>
/// The box drawn over the screen, if any, and what accepting it does. While one is open it takes every key.
/// </summary>
internal sealed class OverlayHost
{
    private Action? _onAccept;

    public Overlay? Current { get; private set; }

    public bool IsOpen => Current is not null;

    public void Show(Overlay overlay, Action? onAccept)
    {
        Current = overlay;
        _onAccept = onAccept;
    }

    /// <summary>Passes a key to the open overlay; when it closes, runs the accept action or reports a cancel.</summary>
    /// <returns>What happened: still open, cancelled (with or without an action to cancel), or accepted.</returns>
    public (OverlayOutcome Outcome, bool HadAction) HandleKey(Key key)
    {
        var overlay = Current ?? throw new InvalidOperationException("no overlay is open");
        var outcome = overlay.HandleKey(key);
        if (outcome == OverlayOutcome.Open)
        {
            return (outcome, false);
        }

        var accept = _onAccept;
        Current = null;
        _onAccept = null;
        if (outcome == OverlayOutcome.Accepted)
        {
            accept?.Invoke();
        }

        return (outcome, accept is not null);
    }
}
