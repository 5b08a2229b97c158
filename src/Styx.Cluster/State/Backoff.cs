namespace Styx.Cluster.State;

/// <summary>
/// Exponential backoff with full jitter (each delay is uniform in [0, min(cap, base·2^attempt)]), so that many Styx
/// servers (or watchers) that lost Nomad at the same moment do not all come back at the same moment.
/// </summary>
public sealed class Backoff(TimeSpan initial, TimeSpan maximum, Random random)
{
    /// <summary>250 ms doubling to 30 s: quick to notice Nomad is back, gentle while it is down.</summary>
    public static Backoff Default(Random random) => new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(30), random);

    private int _attempt;

    /// <summary>The delay before the next retry; each call backs off further.</summary>
    public TimeSpan Next()
    {
        var ceiling = Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30)));
        _attempt++;
        double sample;
        lock (random)
        {
            sample = random.NextDouble();
        }

        // Never zero: a retry loop must yield even at the first attempt.
        return TimeSpan.FromMilliseconds(Math.Max(initial.TotalMilliseconds / 4, ceiling * sample));
    }

    /// <summary>The ceiling the next delay is drawn under (for tests and status text).</summary>
    public TimeSpan NextCeiling => TimeSpan.FromMilliseconds(Math.Min(maximum.TotalMilliseconds, initial.TotalMilliseconds * Math.Pow(2, Math.Min(_attempt, 30))));

    public void Reset() => _attempt = 0;
}
