namespace Styx.Cluster.Audit;

/// <summary>
/// How each kind of target is named in the audit log. ClusterCommands names its commands' targets with these, and a
/// front end that asks <see cref="Commands.ClusterCommands.Authorize"/> ahead of a command names the same target the
/// same way, so a refused attempt and the command itself read alike in the log.
/// </summary>
public static class AuditTarget
{
    /// <summary>The audit log itself (the Activity screen).</summary>
    public const string Log = "audit log";

    public static string Job(string jobId) => "job " + jobId;

    public static string Group(string jobId, string group) => $"{jobId}/{group}";

    public static string Allocation(string allocationId) => "alloc " + allocationId;

    public static string Node(string node) => "node " + node;

    public static string PlatformService(string name) => "service " + name;
}
