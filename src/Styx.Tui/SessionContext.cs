using Styx.Cluster.Access;
using Styx.Cluster.Commands;
using Styx.Cluster.Logs;
using Styx.Cluster.Metrics;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Screens;

namespace Styx.Tui;

/// <summary>
/// What one SSH session works with, whether it runs a one-shot command or the full-screen app: the shared cluster
/// view, the one command path, the log reader (shared tails behind it), the shared metric queries and their catalog,
/// the platform catalog, and who is asking.
/// </summary>
/// <param name="ExtraScreens">More <c>:</c> commands for the full-screen app (tests add a screen that fails on purpose).</param>
/// <param name="Namespace">The Nomad namespace a session starts in (<c>NOMAD_NAMESPACE</c>, else <c>default</c>; <c>*</c> for all).</param>
internal sealed record SessionContext(
    ClusterState State,
    ClusterCommands Commands,
    PlatformCatalog Catalog,
    Caller Caller,
    string ClusterName,
    bool Demo,
    TimeProvider Time,
    LogReader Logs,
    MetricWatches Metrics,
    MetricCatalog MetricCatalog,
    IReadOnlyDictionary<string, Func<Screen>>? ExtraScreens = null,
    string Namespace = "default");
