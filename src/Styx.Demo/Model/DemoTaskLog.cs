using System.Text;

namespace Styx.Demo.Model;

/// <summary>
/// The logs of one task of one allocation: its stdout and stderr files, filled lazily with <see cref="DemoLogs"/>'
/// lines for the seconds the task was running, plus the lines appended to it (bursts, injected lines). It remembers
/// who wrote it (job, group, node, namespace), so its Loki labels outlive the allocation, as in a real Loki.
/// Not thread-safe: <see cref="DemoLogStore"/> guards it.
/// </summary>
internal sealed class DemoTaskLog
{
    private readonly List<(DateTimeOffset From, DateTimeOffset? To)> _running = [];
    private DateTimeOffset? _firstStart;
    private long _nextSecond;

    public DemoTaskLog(DemoAllocation allocation, string task, long retentionBytes)
    {
        AllocationId = allocation.Id;
        Task = task;
        JobId = allocation.JobId;
        TaskGroup = allocation.TaskGroup;
        Namespace = allocation.Namespace;
        Host = allocation.Node.Name;
        MemoryMB = allocation.TaskResources.GetValueOrDefault(task).MemoryMB;
        Stdout = new DemoLogFile(retentionBytes);
        Stderr = new DemoLogFile(retentionBytes);
    }

    public string AllocationId { get; }
    public string Task { get; }
    public string JobId { get; }
    public string TaskGroup { get; }
    public string Namespace { get; }

    /// <summary>The node's name (Promtail's <c>host</c> label).</summary>
    public string Host { get; }

    public int MemoryMB { get; }

    public DemoLogFile Stdout { get; }

    public DemoLogFile Stderr { get; }

    /// <summary>The last burst sequence number written (burst lines count 1, 2, 3… per task).</summary>
    public long BurstSequence { get; set; }

    /// <summary>When the allocation was garbage-collected from Nomad (its logs stay in Loki a while longer).</summary>
    public DateTimeOffset? CollectedAt { get; set; }

    public bool IsRunning => _running.Count > 0 && _running[^1].To is null;

    public DemoLogFile File(bool stderr) => stderr ? Stderr : Stdout;

    /// <summary>The path Nomad writes the file to under its data dir (cluster-apis.md §2.1).</summary>
    public string FileName(bool stderr) => $"/var/lib/nomad/alloc/{AllocationId}/alloc/logs/{Task}.{(stderr ? "stderr" : "stdout")}.0";

    /// <summary>Records that the task (re)started at <paramref name="at"/>.</summary>
    public void Started(DateTimeOffset at)
    {
        _firstStart ??= at;
        _running.Add((at, null));
    }

    /// <summary>Records that the task stopped at <paramref name="at"/> (exit, restart, kill); lines after it are not written.</summary>
    public void Stopped(DateTimeOffset at) => _running[^1] = (_running[^1].From, at);

    /// <summary>The start of the current run (null when not running).</summary>
    public DateTimeOffset? RunningSince => IsRunning ? _running[^1].From : null;

    /// <summary>
    /// Writes the periodic lines of every second up to <paramref name="until"/> that fell inside a run. Called before
    /// anything reads a file or appends to it, so lines land in time order.
    /// </summary>
    public void CatchUp(DateTimeOffset until)
    {
        if (_firstStart is not { } first)
        {
            return;
        }

        while (true)
        {
            var at = first.AddSeconds(_nextSecond);
            if (at > until)
            {
                return;
            }

            if (Ran(at))
            {
                Write(Stdout, DemoLogs.Line(this, false, _nextSecond, at), at);
                Write(Stderr, DemoLogs.Line(this, true, _nextSecond, at), at);
            }

            _nextSecond++;
        }
    }

    /// <summary>Appends one line at <paramref name="timestampNs"/> (Unix nanoseconds) after catching up to that time.</summary>
    public DemoLogLine Append(bool stderr, string line, long timestampNs)
    {
        CatchUp(DemoCluster.FromNanos(timestampNs));
        return File(stderr).Append(timestampNs, Encoding.UTF8.GetBytes(line));
    }

    private bool Ran(DateTimeOffset at)
    {
        for (var i = _running.Count - 1; i >= 0; i--)
        {
            var (from, to) = _running[i];
            if (at >= from)
            {
                return to is null || at < to;
            }
        }

        return false;
    }

    private static void Write(DemoLogFile file, string? line, DateTimeOffset at)
    {
        if (line is not null)
        {
            file.Append(DemoCluster.ToNanos(at), Encoding.UTF8.GetBytes(line));
        }
    }
}
