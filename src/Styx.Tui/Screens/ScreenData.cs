using Styx.Cluster.Access;
using Styx.Cluster.Platform;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// Everything a screen builds its rows from: the shared snapshot (already narrowed to the session's namespace), the
/// catalog, who is looking, the time, and the screen's own detail read when it has one (see <see cref="Screen.Detail"/>).
/// </summary>
/// <param name="Detail">The latest detail loaded for this screen, or null while none has arrived.</param>
/// <param name="DetailError">Why the latest detail read failed, or null.</param>
/// <param name="Everything">Every namespace, for what lives in a namespace of its own whatever the session views (the
/// platform services); null when <see cref="Snapshot"/> already holds everything.</param>
/// <param name="Metrics">The latest answers of the screen's <see cref="Screen.SparklineQueries"/>, by catalog name; null while none is watched.</param>
internal sealed record ScreenData(ClusterSnapshot Snapshot, PlatformCatalog Catalog, Caller Caller, DateTimeOffset Now, object? Detail = null, string? DetailError = null, ClusterSnapshot? Everything = null,
    IReadOnlyDictionary<string, Styx.Cluster.Metrics.MetricSnapshot>? Metrics = null)
{
    /// <summary>Every namespace's jobs and allocations (the platform services' state comes from here).</summary>
    public ClusterSnapshot AllNamespaces => Everything ?? Snapshot;

    /// <summary>The detail as the type the screen loads, or null while it has not arrived.</summary>
    public T? DetailAs<T>()
        where T : class => Detail as T;
}
