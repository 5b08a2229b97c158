namespace Styx.Demo.Model;

/// <summary>
/// Every task's logs, behind one lock: the one log model behind both the Nomad log endpoint and Loki, so Nomad live
/// logs and Loki history show the same lines with the same timestamps.
/// </summary>
/// <remarks>
/// <para>Simulated time reaches the logs on each tick (<see cref="Advance"/>): runs of tasks are recorded, bursts
/// written, and the <see cref="Watermark"/> moves to the tick's time. Readers see periodic lines up to the watermark
/// only, and every line appended later gets a timestamp after it. So once a reader has seen the lines up to a time,
/// no line with an earlier time appears afterwards: a Loki tail that resumes from the last timestamp it got loses
/// nothing, as with a real Loki's ingestion once <c>delay_for</c> has passed.</para>
/// <para>Lock order: the cluster's lock, then this one; never the other way round.</para>
/// </remarks>
internal sealed class DemoLogStore(DemoOptions options, DateTimeOffset start)
{
    /// <summary>Loki keeps the logs of garbage-collected allocations; the demo keeps them this long.</summary>
    private static readonly TimeSpan s_keepAfterCollection = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Allocation, string Task), DemoTaskLog> _logs = [];
    private readonly Dictionary<NamespacedId, DemoLogBurst> _bursts = [];

    /// <summary>Simulated time up to which every line is written (the last tick).</summary>
    public DateTimeOffset Watermark { get; private set; } = start;

    /// <summary>Runs <paramref name="read"/> under the lock; keep it short and copy what leaves.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            return read();
        }
    }

    /// <summary>A task's logs, caught up to the watermark (null if the task never started). Call under <see cref="Read"/>.</summary>
    public DemoTaskLog? Find(string allocationId, string task)
    {
        var log = _logs.GetValueOrDefault((allocationId, task));
        log?.CatchUp(Watermark);
        return log;
    }

    /// <summary>Every task's logs, caught up to the watermark. Call under <see cref="Read"/>.</summary>
    public IEnumerable<DemoTaskLog> All()
    {
        foreach (var log in _logs.Values)
        {
            log.CatchUp(Watermark);
            yield return log;
        }
    }

    /// <summary>Appends an exact line (tests); it is stamped <paramref name="now"/>, or just after the watermark.</summary>
    public DemoLogLine Append(string allocationId, string task, bool stderr, string line, DateTimeOffset now)
    {
        lock (_gate)
        {
            var log = _logs.GetValueOrDefault((allocationId, task))
                      ?? throw new InvalidOperationException($"task {task} of allocation {allocationId} has not started, so it has no log yet");
            var at = Math.Max(DemoCluster.ToNanos(now), DemoCluster.ToNanos(Watermark) + 1);
            return log.Append(stderr, line, at);
        }
    }

    /// <summary>Starts (or changes) a burst of <paramref name="linesPerSecond"/> stdout lines over the job's running allocations.</summary>
    public void StartBurst(NamespacedId job, int linesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(linesPerSecond);
        lock (_gate)
        {
            _bursts[job] = new DemoLogBurst(linesPerSecond);
        }
    }

    public void StopBurst(NamespacedId job)
    {
        lock (_gate)
        {
            _bursts.Remove(job);
        }
    }

    /// <summary>
    /// One tick of simulated time (called under the cluster's lock): records task runs from the task states, writes
    /// the bursts' lines between the last tick and <paramref name="now"/>, forgets the logs of allocations collected
    /// long ago, then moves the watermark.
    /// </summary>
    public void Advance(IReadOnlyDictionary<string, DemoAllocation> allocations, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (now <= Watermark)
            {
                return;
            }

            foreach (var allocation in allocations.Values)
            {
                foreach (var (task, state) in allocation.TaskStates)
                {
                    RecordRuns(allocation, task, state, now);
                }
            }

            foreach (var (job, burst) in _bursts)
            {
                WriteBurst(job, burst, allocations, now);
            }

            foreach (var log in _logs.Values.ToList())
            {
                if (!allocations.ContainsKey(log.AllocationId))
                {
                    log.CollectedAt ??= now;
                    if (now - log.CollectedAt > s_keepAfterCollection)
                    {
                        _logs.Remove((log.AllocationId, log.Task));
                    }
                }
            }

            Watermark = now;
        }
    }

    private void RecordRuns(DemoAllocation allocation, string task, DemoTaskState state, DateTimeOffset now)
    {
        var log = _logs.GetValueOrDefault((allocation.Id, task));
        if (log is null)
        {
            if (state.StartedAt is null)
            {
                return;
            }

            log = new DemoTaskLog(allocation, task, options.LogRetentionBytes);
            _logs[(allocation.Id, task)] = log;
        }

        if (state.State == "running" && state.StartedAt is { } since)
        {
            if (log.RunningSince == since)
            {
                return;
            }

            if (log.IsRunning)
            {
                // Restarted between two ticks: the old run ended when the restart began.
                log.Stopped(state.LastRestart is { } restart && restart < since ? restart : since);
            }

            log.Started(since);
        }
        else if (log.IsRunning)
        {
            log.Stopped(state.FinishedAt ?? state.LastRestart ?? now);
        }
    }

    private void WriteBurst(NamespacedId job, DemoLogBurst burst, IReadOnlyDictionary<string, DemoAllocation> allocations, DateTimeOffset now)
    {
        var elapsed = now - Watermark;
        var owed = burst.Owe(elapsed);
        var targets = allocations.Values
            .Where(a => a.JobKey == job && a.ClientStatus == "running" && a.DesiredStatus == "run" && a.TaskStates.Count > 0)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => _logs.GetValueOrDefault((a.Id, a.TaskStates.Keys.First())))
            .Where(log => log is { IsRunning: true })
            .Select(log => log!)
            .ToList();
        if (owed == 0 || targets.Count == 0)
        {
            return;
        }

        var from = DemoCluster.ToNanos(Watermark);
        var span = DemoCluster.ToNanos(now) - from;
        for (var t = 0; t < targets.Count; t++)
        {
            var log = targets[t];
            // Spread the lines evenly, the remainder going to a different allocation each tick.
            var count = owed / targets.Count + ((t + burst.Turn) % targets.Count < owed % targets.Count ? 1 : 0);
            for (var i = 0; i < count; i++)
            {
                var at = from + span * (i + 1) / count;
                log.BurstSequence++;
                log.Append(false, DemoLogs.BurstLine(log, log.BurstSequence, DemoCluster.FromNanos(at)), at);
            }
        }

        burst.Turn++;
    }
}
