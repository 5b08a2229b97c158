using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// A read a screen needs beyond the shared snapshot (an allocation's task events, a job's versions). <see cref="Key"/>
/// names what is asked for at this snapshot (it changes when the object changes, so a newer read is started); the
/// shell's DetailLoader runs <see cref="Load"/> off the UI thread and hands the result back to the screen through
/// <see cref="ScreenData.Detail"/>, never by writing into the screen.
/// </summary>
internal sealed record DetailRequest(string Key, Func<ClusterState, CancellationToken, Task<object>> Load);
