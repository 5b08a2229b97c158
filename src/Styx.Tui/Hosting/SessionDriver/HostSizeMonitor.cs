using System.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.ViewBase;

namespace Styx.Tui.Hosting.SessionDriver;

/// <summary>
/// The session's terminal size as the client reports it (<c>pty-req</c>, then each <c>window-change</c>). The host
/// may call <see cref="RequestSize"/> from any thread; the UI thread picks the change up in <see cref="Poll"/> and
/// Terminal.Gui re-lays out the screen.
/// </summary>
internal sealed class HostSizeMonitor(int columns, int rows, IterationPacer pacer) : ISizeMonitor
{
    private Size _requested = new(columns, rows);
    private Size _applied = new(columns, rows);
    private readonly Lock _gate = new();

    public event EventHandler<SizeChangedEventArgs>? SizeChanged;

    public Size Current
    {
        get
        {
            lock (_gate)
            {
                return _requested;
            }
        }
    }

    public void RequestSize(int newColumns, int newRows)
    {
        lock (_gate)
        {
            // Never 0: the SSH layer ignores zero dimensions (RFC 4254 §6.2).
            _requested = new Size(newColumns, newRows);
        }

        pacer.Wake();
    }

    public bool Poll()
    {
        var size = Current;
        if (size == _applied)
        {
            return false;
        }

        _applied = size;
        SizeChanged?.Invoke(this, new SizeChangedEventArgs(size));
        return true;
    }
}
