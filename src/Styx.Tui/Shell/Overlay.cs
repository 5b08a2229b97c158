using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>What a key did to an open overlay.</summary>
internal enum OverlayOutcome
{
    Open,
    Cancelled,
    Accepted,
}

/// <summary>
/// A box drawn over the screen that takes the keys until it closes: confirmations, the scale dialog, help.
/// Buttons are chosen with left/right or tab and pressed with enter; esc always cancels.
/// </summary>
internal abstract class Overlay
{
    public abstract string Title { get; }

    public abstract IReadOnlyList<string> Lines { get; }

    public virtual IReadOnlyList<string> Buttons => [];

    /// <summary>The focused button; 0 is Cancel wherever there is one, so enter alone never confirms.</summary>
    public int Focus { get; set; }

    public virtual OverlayOutcome HandleKey(Key key)
    {
        switch (key.KeyCode)
        {
            case KeyCode.Esc:
                return OverlayOutcome.Cancelled;
            case KeyCode.CursorLeft or KeyCode.CursorRight or KeyCode.Tab or (KeyCode.Tab | KeyCode.ShiftMask) when Buttons.Count > 1:
                Focus = (Focus + 1) % Buttons.Count;
                return OverlayOutcome.Open;
            case KeyCode.Enter:
                return Focus == 0 && Buttons.Count > 1 ? OverlayOutcome.Cancelled : OverlayOutcome.Accepted;
            default:
                return OverlayOutcome.Open;
        }
    }
}

/// <summary>"Stop job web?" with Cancel focused: names the target and what will happen.</summary>
internal sealed class ConfirmOverlay(string title, IReadOnlyList<string> lines, string acceptLabel) : Overlay
{
    public override string Title => title;

    public override IReadOnlyList<string> Lines => lines;

    public override IReadOnlyList<string> Buttons => ["Cancel", acceptLabel];
}

/// <summary>The keys of the current screen; any key closes it.</summary>
internal sealed class HelpOverlay(string title, IReadOnlyList<string> lines) : Overlay
{
    public override string Title => title;

    public override IReadOnlyList<string> Lines => lines;

    public override OverlayOutcome HandleKey(Key key) => OverlayOutcome.Cancelled;
}
