namespace Styx.Cluster.Access;

/// <summary>Every change Styx can make to the cluster. Reads are not actions: every role may read.</summary>
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
}
