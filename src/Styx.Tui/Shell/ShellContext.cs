using Styx.Cluster.Access;
using Styx.Cluster.Commands;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell;

/// <summary>What one full-screen session works with: the shared state and commands, and who is at the keyboard.</summary>
/// <param name="ExtraScreens">More <c>:</c> commands (tests add a screen that fails on purpose).</param>
internal sealed record ShellContext(
    ClusterState State,
    ClusterCommands Commands,
    PlatformCatalog Catalog,
    Caller Caller,
    string ClusterName,
    bool Demo,
    TimeProvider Time,
    IReadOnlyDictionary<string, Func<Screen>>? ExtraScreens = null);
