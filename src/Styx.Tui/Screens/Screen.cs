using System.Collections.Immutable;
using Styx.Cluster.State;

namespace Styx.Tui.Screens;

/// <summary>
/// One screen: a titled table built from the shared <see cref="ClusterSnapshot"/> (never from its own requests to
/// Nomad). Detail screens may also need one on-demand read (a job's full definition, an allocation's task events);
/// they name it with <see cref="DetailKey"/> and load it through the shared, request-sharing ClusterState.
/// </summary>
internal abstract class Screen
{
    /// <summary>The screen's name in the header, e.g. <c>Jobs</c> or <c>Job web</c>.</summary>
    public abstract string Title { get; }

    /// <summary>The <c>:</c> command that opens this screen, shown in help.</summary>
    public virtual string? Command => null;

    public abstract ImmutableArray<Column> Columns { get; }

    /// <summary>Whether rows can be marked with <c>space</c> for bulk actions.</summary>
    public virtual bool AllowsMarks => false;

    public abstract IReadOnlyList<ScreenRow> Rows(ScreenData data);

    /// <summary>What <c>enter</c> on <paramref name="row"/> opens, or null.</summary>
    public virtual Screen? Open(ScreenRow row) => row.Target is ScreenTarget target ? target.Open() : Navigation.ScreenFor(row.Target);

    /// <summary>
    /// Names the detail this screen needs for the current snapshot (it changes when the object changes), or null when
    /// the snapshot is enough.
    /// </summary>
    public virtual string? DetailKey(ClusterSnapshot snapshot) => null;

    /// <summary>Loads the detail named by <see cref="DetailKey"/>.</summary>
    public virtual Task LoadDetailAsync(ClusterState state, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Why the detail could not be loaded, shown instead of the missing rows.</summary>
    public string? DetailError { get; set; }

    /// <summary>
    /// For screens fed by more than the cluster snapshot (the activity feed): calls <paramref name="changed"/>, from any
    /// thread, whenever that data moves, until disposed. The shell then rebuilds the screen if it is on top.
    /// </summary>
    public virtual IDisposable? Watch(Action changed) => null;

    /// <summary>The keys this screen adds to the global ones, for <c>?</c>.</summary>
    public virtual IEnumerable<(string Key, string What)> HelpKeys => [];
}
