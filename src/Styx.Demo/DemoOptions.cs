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

        if (Latency < TimeSpan.Zero || Tick <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Latency), "latency must not be negative and tick must be positive");
        }
    }
}
