namespace Styx.Cluster.Loki;

/// <summary>
/// The Loki label names that identify a Nomad task's logs; configuration, since which labels Promtail attaches is
/// deployment-specific (cluster-apis.md §2.1, DESIGN.md §5). The defaults follow Nomad's own metric labels
/// (cluster-apis.md §4.1: job, task_group, task, alloc_id, host, namespace) and the Promtail patterns of §2.1 (stream
/// cut from the file name); the Styx plan's Promtail job sets exactly these.
/// </summary>
public sealed record LokiLabelNames
{
    public string Job { get; init; } = "job";
    public string Group { get; init; } = "task_group";
    public string Task { get; init; } = "task";
    public string Allocation { get; init; } = "alloc_id";
    public string Node { get; init; } = "host";
    public string Namespace { get; init; } = "namespace";

    /// <summary><c>stdout</c> or <c>stderr</c>.</summary>
    public string Stream { get; init; } = "stream";
}
