using Styx.Demo.Model;

namespace Styx.Demo.Loki;

/// <summary>
/// One Loki stream of the simulated cluster: a task's stdout or stderr, with the labels the Styx plan's Promtail job
/// sets (cluster-apis.md §2.1): job, task_group, task, alloc_id, host (the node's name), namespace, stream and
/// Promtail's own filename.
/// </summary>
internal sealed record LokiStream(DemoTaskLog Log, bool Stderr)
{
    public SortedDictionary<string, string> Labels { get; } = new(StringComparer.Ordinal)
    {
        ["alloc_id"] = Log.AllocationId,
        ["filename"] = Log.FileName(Stderr),
        ["host"] = Log.Host,
        ["job"] = Log.JobId,
        ["namespace"] = Log.Namespace,
        ["stream"] = Stderr ? "stderr" : "stdout",
        ["task"] = Log.Task,
        ["task_group"] = Log.TaskGroup,
    };

    public DemoLogFile File => Log.File(Stderr);

    /// <summary>Every stream of the store (call under its lock).</summary>
    public static IEnumerable<LokiStream> All(DemoLogStore store) =>
        store.All().SelectMany(log => new[] { new LokiStream(log, false), new LokiStream(log, true) });

    /// <summary>Whether the stream has a line in [<paramref name="fromNs"/>, <paramref name="toNs"/>).</summary>
    public bool HasLinesBetween(long fromNs, long toNs)
    {
        var index = File.IndexAtOrAfterTime(fromNs);
        return index < File.Count && File[index].TimestampNs < toNs;
    }
}
