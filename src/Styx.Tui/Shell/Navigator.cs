using Styx.Cluster.State;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell;

/// <summary>
/// The stack of screens and each one's lifecycle: a screen's own change subscription starts when it is opened and
/// ends when it is left or the session ends. The first screen is never popped.
/// </summary>
/// <param name="state">The shared cluster state, for what a screen keeps watched while open.</param>
/// <param name="changed">Called (from any thread) when a screen's own data moved; the host rebuilds it if it is on top.</param>
/// <param name="sessionNamespace">The session's namespace when the first screen opens.</param>
internal sealed class Navigator(Screen first, ClusterState state, string sessionNamespace, Action<ScreenEntry> changed) : IDisposable
{
    private readonly Stack<ScreenEntry> _stack = new([new ScreenEntry(first)]);
    private string _namespace = sessionNamespace;

    public ScreenEntry Top => _stack.Peek();

    public int Depth => _stack.Count;

    public ScreenEntry Push(Screen screen)
    {
        var entry = new ScreenEntry(screen);
        entry.Watch = screen.Watch(state, _namespace, () => changed(entry));
        _stack.Push(entry);
        return entry;
    }

    /// <summary>Leaves the top screen; false on the first one.</summary>
    public bool Pop()
    {
        if (_stack.Count <= 1)
        {
            return false;
        }

        _stack.Pop().Leave();
        return true;
    }

    /// <summary>The session switched namespace: each open screen asks again for what it keeps watched.</summary>
    public void Rewatch(string nomadNamespace)
    {
        _namespace = nomadNamespace;
        foreach (var entry in _stack)
        {
            entry.Watch?.Dispose();
            entry.Watch = entry.Screen.Watch(state, nomadNamespace, () => changed(entry));
        }
    }

    public bool IsTop(ScreenEntry entry) => _stack.TryPeek(out var top) && ReferenceEquals(top, entry);

    public bool Contains(ScreenEntry entry) => _stack.Contains(entry);

    public void Dispose()
    {
        foreach (var entry in _stack)
        {
            entry.Leave();
        }
    }
}
