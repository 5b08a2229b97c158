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

    /// <summary>
    /// The least role that may take <paramref name="action"/> on a job that is (or an allocation of) a platform
    /// service when <paramref name="platformService"/> is true. The platform belongs to admins (DESIGN.md §5), so the
    /// job and allocation lifecycle actions an operator may take on application jobs need admin there, whichever
    /// command or key reaches the job.
    /// </summary>
    public static Role RequiredRole(ClusterAction action, bool platformService) =>
        platformService && IsJobLifecycle(action) ? Role.Admin : RequiredRole(action);

    public static bool Allows(Role role, ClusterAction action) => role >= RequiredRole(action);

    public static bool Allows(Role role, ClusterAction action, bool platformService) => role >= RequiredRole(action, platformService);

    private static bool IsJobLifecycle(ClusterAction action) => action is ClusterAction.JobStart or ClusterAction.JobStop
        or ClusterAction.JobPurge or ClusterAction.JobScale or ClusterAction.JobRestart or ClusterAction.JobRevert
        or ClusterAction.AllocationRestart or ClusterAction.AllocationStop;
}
