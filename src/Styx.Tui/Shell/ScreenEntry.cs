using Styx.Tui.Screens;
using Styx.Tui.Shell.Logs;
using Styx.Tui.Shell.Metrics;

namespace Styx.Tui.Shell;

/// <summary>
/// One screen on the navigation stack with what belongs to it while it is there: its table state, its detail (the
/// latest load applied), and its own change subscription. Going back restores all of it.
/// </summary>
internal sealed class ScreenEntry(Screen screen)
{
    public Screen Screen { get; } = screen;

    public TableState Table { get; } = new();

    public DetailSlot Detail { get; } = new();

    /// <summary>The screen's own change signal while it is on the stack (see <see cref="Screen.Watch"/>).</summary>
    public IDisposable? Watch { get; set; }

    /// <summary>A Logs screen's buffer, follow and view state while it is on the stack; null for a table screen.</summary>
    public LogView? Logs { get; set; }

    /// <summary>A Metrics screen's graphs, range, cursor and watches while it is on the stack; null for other screens.</summary>
    public MetricsView? Metrics { get; set; }

    /// <summary>The screen's sparkline watches while it is shown (stopped while another screen covers it).</summary>
    public SparklineFeed? Sparklines { get; set; }

    /// <summary>The entry left the stack (or the session ended): what it kept open is closed.</summary>
    public void Leave()
    {
        Watch?.Dispose();
        Logs?.Dispose();
        Metrics?.Dispose();
        Sparklines?.Dispose();
    }
}

/// <summary>
/// The detail of one screen entry. Only the UI thread reads or writes it: loads run elsewhere and hand their result to
/// <see cref="DetailLoader"/>, which applies it on the UI loop if it is still the newest one asked for.
/// </summary>
internal sealed class DetailSlot
{
    /// <summary>Counts the loads started; a result carries the version it was started with.</summary>
    public long Version { get; set; }

    /// <summary>The key of the newest load asked for (null: none yet, or a reload is due).</summary>
    public string? RequestedKey { get; set; }

    /// <summary>The newest result applied.</summary>
    public object? Value { get; set; }

    /// <summary>Why the newest load failed, or null.</summary>
    public string? Error { get; set; }
}
