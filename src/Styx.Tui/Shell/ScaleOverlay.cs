using System.Globalization;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>One task group that can be scaled: its current count and the bounds of its <c>scaling</c> block, if any.</summary>
internal sealed record ScalableGroup(string Name, int Current, long? Min, long? Max);

/// <summary>
/// The scale dialog: the job and group, the current count and the new one. Digits type the new count, up/down or +/-
/// change it by one, tab picks another group, enter applies (only when the count changed), esc cancels. The count is
/// checked against the group's bounds here for a quick answer, and again by ClusterCommands, which decides.
/// </summary>
internal sealed class ScaleOverlay : Overlay
{
    private readonly string _jobId;
    private readonly IReadOnlyList<ScalableGroup> _groups;
    private int _group;
    private string _typed;

    public ScaleOverlay(string jobId, IReadOnlyList<ScalableGroup> groups, string? group)
    {
        _jobId = jobId;
        _groups = groups;
        _group = Math.Max(0, groups.ToList().FindIndex(g => g.Name == group));
        _typed = Number(Current.Current);
    }

    public string JobId => _jobId;

    public ScalableGroup Current => _groups[_group];

    /// <summary>The new count as typed (validated by ClusterCommands).</summary>
    public string NewCount => _typed;

    public override string Title => $"Scale {_jobId}";

    public override IReadOnlyList<string> Lines =>
    [
        $"group:      {Current.Name}{(_groups.Count > 1 ? "   (tab: next group)" : "")}",
        $"current:    {Current.Current}",
        $"new count:  {_typed}_",
        Current.Min is null && Current.Max is null ? "bounds:     none (no scaling block)" : $"bounds:     {Current.Min ?? 0}..{(Current.Max is { } max ? Number(max) : "∞")}",
        "enter applies, esc cancels",
    ];

    public override IReadOnlyList<string> Buttons => [];

    public override OverlayOutcome HandleKey(Key key)
    {
        var rune = key.AsRune.Value;
        switch (key.KeyCode)
        {
            case KeyCode.Esc:
                return OverlayOutcome.Cancelled;
            case KeyCode.Enter:
                return _typed.Length > 0 && _typed != Number(Current.Current) ? OverlayOutcome.Accepted : OverlayOutcome.Open;
            case KeyCode.Tab when _groups.Count > 1:
                _group = (_group + 1) % _groups.Count;
                _typed = Number(Current.Current);
                return OverlayOutcome.Open;
            case KeyCode.Backspace or KeyCode.Delete:
                _typed = _typed.Length > 0 ? _typed[..^1] : "";
                return OverlayOutcome.Open;
            case KeyCode.CursorUp:
                Step(+1);
                return OverlayOutcome.Open;
            case KeyCode.CursorDown:
                Step(-1);
                return OverlayOutcome.Open;
        }

        if (rune is >= '0' and <= '9' && _typed.Length < 6)
        {
            _typed = _typed == Number(Current.Current) || _typed == "0" ? ((char)rune).ToString() : _typed + (char)rune;
        }
        else if (rune == '+')
        {
            Step(+1);
        }
        else if (rune == '-')
        {
            Step(-1);
        }

        return OverlayOutcome.Open;
    }

    private void Step(int by)
    {
        var value = int.TryParse(_typed, NumberStyles.None, CultureInfo.InvariantCulture, out var typed) ? typed : Current.Current;
        _typed = Number(Math.Max(0, value + by));
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
