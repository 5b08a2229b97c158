using Styx.Cluster.State;
using Styx.Tui.Screens;
using Styx.Tui.Shell.Commands;

namespace Styx.Tui.Shell;

/// <summary>
/// The cluster as one session sees it: the newest shared snapshot, narrowed to the session's namespace (<c>*</c> for
/// all). The shared watcher sees every namespace; each session only picks its view.
/// </summary>
internal sealed class SessionView(ClusterSnapshot first, string nomadNamespace)
{
    public ClusterSnapshot Shared { get; private set; } = first;

    public string Namespace { get; private set; } = nomadNamespace;

    public ClusterSnapshot View { get; private set; } = Narrow(first, nomadNamespace);

    /// <summary>Takes a newer snapshot; false (nothing changes) for one this session has already seen.</summary>
    public bool Update(ClusterSnapshot snapshot)
    {
        if (snapshot.Version <= Shared.Version && Shared.Version != 0)
        {
            return false;
        }

        Shared = snapshot;
        View = Narrow(snapshot, Namespace);
        return true;
    }

    public void SetNamespace(string nomadNamespace)
    {
        Namespace = nomadNamespace;
        View = Narrow(Shared, nomadNamespace);
    }

    /// <summary>What a <c>:</c> command's argument can name here, for completion.</summary>
    public IEnumerable<string> Names(ArgumentKind kind) => kind switch
    {
        ArgumentKind.Job => View.Jobs.Select(j => j.ID),
        ArgumentKind.Node => View.Nodes.Select(n => n.Name),
        ArgumentKind.Allocation => View.Allocations.Select(a => CellText.ShortId(a.ID)),
        ArgumentKind.Namespace => Shared.Namespaces.Select(n => n.Name).Append("*"),
        _ => [],
    };

    private static ClusterSnapshot Narrow(ClusterSnapshot snapshot, string nomadNamespace) =>
        nomadNamespace == "*" ? snapshot : snapshot.InNamespace(nomadNamespace);
}
