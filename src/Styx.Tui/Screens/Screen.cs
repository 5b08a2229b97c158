using System.Collections.Immutable;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// One screen: a titled table built from <see cref="ScreenData"/> (the shared snapshot and, for detail screens, one
/// read of their own), never from requests of its own. Screens hold no mutable state: <see cref="Rows"/> is a pure
/// function of its input, so it is tested on fixture snapshots without a session or Terminal.Gui, and a refresh can
/// never mix two loads.
/// </summary>
internal abstract class Screen
{
    /// <summary>The screen's name in the header, e.g. <c>Jobs</c> or <c>Job web</c>.</summary>
    public abstract string Title(ScreenData data);

    public abstract ImmutableArray<Column> Columns { get; }

    /// <summary>What the rows stand for, so commands know where they apply (help lists only those).</summary>
    public abstract TargetKinds Targets { get; }

    /// <summary>Whether the screen is a table (the table keys apply); the Logs screen draws lines of its own instead.</summary>
    public virtual bool IsTable => true;

    /// <summary>Whether rows can be marked with <c>space</c> for bulk actions.</summary>
    public virtual bool AllowsMarks => false;

    public abstract IReadOnlyList<ScreenRow> Rows(ScreenData data);

    /// <summary>What <c>enter</c> on <paramref name="row"/> opens, or null.</summary>
    public virtual Screen? Open(ScreenRow row) => row.Target is ScreenTarget target ? target.Open() : Navigation.ScreenFor(row.Target);

    /// <summary>The read this screen needs at <paramref name="snapshot"/> beyond the snapshot, or null when the snapshot is enough.</summary>
    public virtual DetailRequest? Detail(ClusterSnapshot snapshot) => null;

    /// <summary>
    /// What the screen needs kept while it is open, until disposed: a feed beyond the snapshot (the activity feed),
    /// calling <paramref name="changed"/> from any thread when it moves (the shell then rebuilds the screen if it is on
    /// top); or data the shared state keeps only on demand (service registrations and checks), for
    /// <paramref name="sessionNamespace"/> (asked again when the session switches namespace).
    /// </summary>
    public virtual IDisposable? Watch(ClusterState state, string sessionNamespace, Action changed) => null;

    /// <summary>
    /// Names of the metric catalog queries the screen's rows read (sparklines), watched only while the screen is shown
    /// (see <see cref="ScreenData.Metrics"/>). Names, not PromQL: the catalog is the one place for PromQL.
    /// </summary>
    public virtual IReadOnlyList<string> SparklineQueries => [];

    /// <summary>The keys this screen adds to the shell's, for <c>?</c> (enter's meaning here).</summary>
    public virtual IEnumerable<(string Key, string What)> HelpKeys => [];
}
