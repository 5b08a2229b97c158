using Styx.Cluster.Access;
using Styx.Cluster.Platform;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>Everything a screen builds its rows from: the shared snapshot, the catalog, who is looking, and the time.</summary>
internal sealed record ScreenData(ClusterSnapshot Snapshot, PlatformCatalog Catalog, Caller Caller, DateTimeOffset Now);
