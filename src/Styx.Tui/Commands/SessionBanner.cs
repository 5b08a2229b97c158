using Styx.Cluster.Access;

namespace Styx.Tui.Commands;

/// <summary>
/// The line shown right after login, so nobody wonders who they are or where: <c>alice (operator) on styx</c>,
/// and in demo mode a note that this is the simulated cluster.
/// </summary>
public static class SessionBanner
{
    public static string For(Caller caller, string clusterName, bool demo) =>
        $"{caller.User} ({caller.Role.ToName()}) on {clusterName}" + (demo ? " — demo cluster (simulated, nothing here is real)" : "");

    /// <summary>The full-screen app's first message: the banner and where to start.</summary>
    public static string Welcome(Caller caller, string clusterName, bool demo) => For(caller, clusterName, demo) + (caller.Role == Role.Viewer
        ? " · read-only: you can look at everything and change nothing · ? shows the keys"
        : " · ? shows the keys · : opens a screen (:jobs :nodes :allocs :services)");
}
