using Terminal.Gui.App;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// The one Terminal.Gui setting that is a process-wide static in 2.5.0 and so cannot be per session
/// (terminal-gui-over-ssh.md §5): its own main-loop pacing, turned off. Applied once when the server starts, before
/// any session; <see cref="SessionApplication"/> refuses to create an application before that.
/// </summary>
/// <remarks>
/// The <c>DisableRealDriverIO=1</c> environment variable the notes suggest is not set: Terminal.Gui reads it only in
/// <c>Driver.IsAttachedToTerminal</c>, whose callers are its stock console drivers (replaced by the session's own
/// input, output and size monitor), <c>OutputBase</c>'s constructor (which only stores the answer; SessionOutput never
/// reads it) and <c>Suspend</c> (ctrl+z is unbound). Setting it would have been inherited by every child process.
/// </remarks>
internal static class ProcessSettings
{
    /// <summary>
    /// High enough that Terminal.Gui's per-iteration budget (1000 / this, in whole milliseconds) is 0, so it never
    /// waits itself (its wait ignores input; see <see cref="IterationPacer"/>). Every application is created by
    /// <see cref="SessionApplication"/>, which paces it with an <see cref="IterationPacer"/> instead.
    /// </summary>
    public const ushort IterationsPerSecond = ushort.MaxValue;

    private static int _applied;

    public static bool Applied => Volatile.Read(ref _applied) == 1;

    /// <summary>Once per process, at server start (tests call it in their fixtures); later calls do nothing.</summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref _applied, 1) == 0)
        {
            Application.MaximumIterationsPerSecond = IterationsPerSecond;
        }
    }
}
