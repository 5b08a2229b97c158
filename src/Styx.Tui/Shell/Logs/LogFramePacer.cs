namespace Styx.Tui.Shell.Logs;

/// <summary>
/// When a followed log view next takes its new lines and redraws. Each redraw of a scrolled view hands every row to the
/// terminal again (about 7 ms of server CPU for a 120×40 screen), so redrawing per arriving batch made 50 sessions
/// following a 10,000 lines/s burst take two cores and answer keys after a second. Lines that arrive at a readable pace
/// are drawn within <see cref="Steady"/>; when more than a screenful arrived since the last frame (nobody reads that
/// as it scrolls), the next frame waits <see cref="Burst"/>. Keys always draw at once. The buffer holds the lines
/// meanwhile and wakes the session no more until it is read.
/// </summary>
internal sealed class LogFramePacer(TimeProvider time)
{
    public static readonly TimeSpan Steady = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan Burst = TimeSpan.FromMilliseconds(500);

    private long _last;
    private TimeSpan _interval = Steady;

    /// <summary>A frame is already scheduled.</summary>
    public bool Scheduled { get; set; }

    /// <summary>How long until the next frame may be drawn; zero or less: now.</summary>
    public TimeSpan Wait => _last == 0 ? TimeSpan.Zero : _interval - time.GetElapsedTime(_last);

    /// <summary>A frame took <paramref name="newLines"/> new lines on a view <paramref name="pageRows"/> rows high.</summary>
    public void Drew(long newLines, int pageRows)
    {
        _last = time.GetTimestamp();
        _interval = newLines > pageRows ? Burst : Steady;
    }
}
