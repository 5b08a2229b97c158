namespace Styx.Cluster.Logs;

/// <summary>
/// Where a log line was written: one task of one allocation, on one of its two streams. Shared by every line of that
/// stream, so a merged tail can mark each line with its allocation and task at no cost per line.
/// </summary>
/// <param name="AllocationName">Nomad's allocation name, e.g. <c>web.web[1]</c>; empty when the source does not know it (Loki).</param>
/// <param name="Node">The node's name, or empty when unknown.</param>
public sealed record LogOrigin(string Namespace, string JobId, string AllocationId, string AllocationName, string Task, LogStream Stream, string Node)
{
    /// <summary>The allocation ID's first eight characters, as Nomad's CLI and UI show it.</summary>
    public string ShortAllocationId => AllocationId.Length > 8 ? AllocationId[..8] : AllocationId;
}
