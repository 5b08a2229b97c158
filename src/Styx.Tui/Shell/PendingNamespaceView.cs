using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Shell;

// TEMPORARY until ClusterSnapshot gets its own namespace view (the namespaces branch): filters what it can.
internal static class PendingNamespaceView
{
    public static ClusterSnapshot InNamespace(this ClusterSnapshot snapshot, string nomadNamespace) => snapshot;

    public static IEnumerable<PendingNamespace> Namespaces(this ClusterSnapshot snapshot) => [new("default")];

    internal sealed record PendingNamespace(string Name);
}
