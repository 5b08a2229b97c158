using Styx.Cluster.Access;
using Styx.Cluster.Commands;
using Styx.Cluster.Platform;
using Styx.Cluster.State;

namespace Styx.Tui.Commands;

/// <summary>What a one-shot command runs against: the shared cluster view, the one command path, and who is asking.</summary>
public sealed record ExecContext(
    ClusterState State,
    ClusterCommands Commands,
    PlatformCatalog Catalog,
    Caller Caller,
    string ClusterName,
    bool Demo,
    TimeProvider Time);
