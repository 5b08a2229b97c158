namespace Styx.Demo;

/// <summary>
/// Knobs of the simulated cluster (DESIGN.md §7). The defaults give the Styx-shaped cluster of three Macs at real-time
/// speed; tests and benchmarks turn the others.
/// </summary>
public sealed record DemoOptions
{
    /// <summary>Seeds IDs, placement and log content: the same seed gives the same cluster.</summary>
    public int Seed { get; init; } = 7;

    /// <summary>Number of Macs. Three by default; benchmarks go to thousands.</summary>
    public int NodeCount { get; init; } = 3;

    /// <summary>Extra generated application jobs beyond web/api/worker/postgres, for large-cluster runs.</summary>
    public int ExtraJobCount { get; init; }

    /// <summary>Added before every HTTP answer.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Fraction (0..1) of requests answered with a 500, like an RPC failure between agent and servers.</summary>
    public double ErrorRate { get; init; }

    /// <summary>Whether ACLs are enforced. When off every request is allowed, like a dev agent.</summary>
    public bool AclEnabled { get; init; } = true;

    /// <summary>How long a new allocation stays pending before its tasks run.</summary>
    public TimeSpan StartDelay { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>How long a running allocation takes to pass its health checks.</summary>
    public TimeSpan HealthyDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a stopping allocation takes to reach complete.</summary>
    public TimeSpan StopDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often simulated time is advanced (allocation lifecycle, log lines).</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Event stream heartbeat period; Nomad uses 30 s.</summary>
    public TimeSpan EventHeartbeat { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A worker task crashes and restarts every few minutes, so the demo has recent failures to show.</summary>
    public bool FlakyWorker { get; init; }

    /// <summary>
    /// Bytes of log kept per task and stream (stdout, stderr); older lines rotate out as in Nomad's log rotation, while
    /// byte offsets keep growing. Bounds the demo's memory during long runs and bursts.
    /// </summary>
    public long LogRetentionBytes { get; init; } = 2 * 1024 * 1024;

    /// <summary>A job (in the default namespace) that writes a burst of stdout lines from the start, e.g. <c>web</c>; null for none.</summary>
    public string? LogBurstJob { get; init; }

    /// <summary>Lines per simulated second of <see cref="LogBurstJob"/>'s burst, spread over its running allocations.</summary>
    public int LogBurstLinesPerSecond { get; init; } = 10_000;

    /// <summary>
    /// How often the demo's stand-in Prometheus "scrapes": its query API has one sample per series on this grid (the
    /// captures in fixtures/prometheus were made with a 5 s scrape interval).
    /// </summary>
    public TimeSpan MetricsScrapeInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time source for everything simulated, so tests can drive it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Validates the knobs; the message names the knob and the allowed range.</summary>
    public void Validate()
    {
        if (NodeCount is < 1 or > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(NodeCount), NodeCount, "node count must be between 1 and 10000");
        }

        if (ExtraJobCount is < 0 or > 20_000)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtraJobCount), ExtraJobCount, "extra job count must be between 0 and 20000");
        }

        if (ErrorRate is < 0 or > 1 || double.IsNaN(ErrorRate))
        {
            throw new ArgumentOutOfRangeException(nameof(ErrorRate), ErrorRate, "error rate must be between 0 and 1");
        }

        if (LogRetentionBytes < 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(LogRetentionBytes), LogRetentionBytes, "log retention must be at least 1024 bytes");
        }

        if (LogBurstJob is not null && LogBurstLinesPerSecond is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(LogBurstLinesPerSecond), LogBurstLinesPerSecond, "log burst must be between 1 and 1000000 lines per second");
        }

        if (MetricsScrapeInterval < TimeSpan.FromMilliseconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MetricsScrapeInterval), MetricsScrapeInterval, "metrics scrape interval must be at least 1 ms");
        }

        if (Latency < TimeSpan.Zero || Tick <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Latency), "latency must not be negative and tick must be positive");
        }
    }
}
