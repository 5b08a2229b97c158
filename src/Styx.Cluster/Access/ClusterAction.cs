namespace Styx.Cluster.Access;

/// <summary>
/// Every change Styx can make to the cluster, plus the one read that is not for everyone (the audit log names who did
/// what). Other reads are not actions: every role may read the cluster.
/// </summary>
public enum ClusterAction
{
    JobStart,
    JobStop,
    JobPurge,
    JobScale,
    JobRestart,
    JobRevert,
    AllocationRestart,
    AllocationStop,
    NodeDrain,
    NodeEligibility,
    PlatformServiceStart,
    PlatformServiceStop,
    ActivityRead,
}
