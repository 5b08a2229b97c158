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

    /// <summary>
    /// A job named with its namespace when that is not <c>default</c>, as Nomad's web UI writes it: <c>job web@staging</c>.
    /// </summary>
    public static string Job(string @namespace, string jobId) => "job " + Namespaced(@namespace, jobId);

    public static string Group(string jobId, string group) => $"{jobId}/{group}";

    /// <summary>A task group of a job outside <c>default</c>: <c>web@staging/web</c>.</summary>
    public static string Group(string @namespace, string jobId, string group) => $"{Namespaced(@namespace, jobId)}/{group}";

    public static string Allocation(string allocationId) => "alloc " + allocationId;

    public static string Node(string node) => "node " + node;

    public static string PlatformService(string name) => "service " + name;

    private static string Namespaced(string @namespace, string jobId) =>
        @namespace == Nomad.Namespace.Default ? jobId : $"{jobId}@{@namespace}";
}
