using Terminal.Gui.App;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// The few Terminal.Gui settings that are process-wide statics in 2.5.0 and so cannot be per session
/// (terminal-gui-over-ssh.md §5): real console I/O off everywhere, and Terminal.Gui's own main-loop pacing off.
/// Applied once, before the first session's application is created.
/// </summary>
internal static class ProcessSettings
{
    /// <summary>
    /// High enough that Terminal.Gui's per-iteration budget (1000 / this, in whole milliseconds) is 0, so it never
    /// waits itself (its wait ignores input; see <see cref="IterationPacer"/>). Every application is created by
    /// <see cref="SessionApplication"/>, which paces it with an <see cref="IterationPacer"/> instead.
    /// </summary>
    public const ushort IterationsPerSecond = ushort.MaxValue;

    private static int _applied;

    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1)
        {
            return;
        }

        // Makes Terminal.Gui treat itself as not attached to a terminal: nothing opens /dev/tty or touches the
        // server's own console modes.
        Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");
        Application.MaximumIterationsPerSecond = IterationsPerSecond;
    }
}
