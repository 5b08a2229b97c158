using Terminal.Gui.App;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// The few Terminal.Gui settings that are process-wide statics in 2.5.0 and so cannot be per session
/// (terminal-gui-over-ssh.md §5): real console I/O off everywhere, and one main-loop rate for all sessions.
/// Applied once, before the first session's application is created.
/// </summary>
internal static class ProcessSettings
{
    /// <summary>25 iterations a second: 40 ms worst-case key-to-frame delay, ≈0.2 % of a core per idle session.</summary>
    public const ushort IterationsPerSecond = 25;

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
