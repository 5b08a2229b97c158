namespace Styx.Cluster.Access;

/// <summary>
/// The one table that says which role may take which action (DESIGN.md §5). ClusterCommands consults it before any
/// request; the UI and the exec commands only use it to hide what would be refused anyway.
/// </summary>
public static class RolePolicy
{
    /// <summary>The least role that may take <paramref name="action"/>.</summary>
    public static Role RequiredRole(ClusterAction action) => action switch
    {
        ClusterAction.JobStart or ClusterAction.JobStop or ClusterAction.JobScale or ClusterAction.JobRestart
            or ClusterAction.JobRevert or ClusterAction.AllocationRestart or ClusterAction.AllocationStop => Role.Operator,
        ClusterAction.JobPurge or ClusterAction.NodeDrain or ClusterAction.NodeEligibility
            or ClusterAction.PlatformServiceStart or ClusterAction.PlatformServiceStop or ClusterAction.ActivityRead => Role.Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "unknown cluster action"),
    };

    public static bool Allows(Role role, ClusterAction action) => role >= RequiredRole(action);
}
