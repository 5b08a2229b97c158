namespace Styx.Demo.Prometheus;

/// <summary>
/// Requests Traefik has routed to one service since the cluster started, as pure functions of simulated time so that
/// counters only grow and any past value can be read back. The rate follows the demo's access logs (one line per
/// second per allocation; DemoLogs): <see cref="PerSecond"/> is the service's default allocation count, with a
/// ten-minute swell of ±30 %, and the codes are split as DemoLogs picks them (1 in 97 a 500, 1 in 13 of the rest a 404).
/// </summary>
internal sealed record TraefikTraffic(string Service, double PerSecond, DateTimeOffset Started)
{
    private const double Swell = 0.3;
    private static readonly double s_omega = Math.Tau / 600;

    /// <summary>The response codes served and their shares.</summary>
    public static readonly (string Code, double Share)[] Codes =
    [
        ("200", 96.0 / 97 * 12 / 13),
        ("404", 96.0 / 97 / 13),
        ("500", 1.0 / 97),
    ];

    /// <summary>Traefik's default buckets (cluster-apis.md §4.2).</summary>
    public static readonly double[] Buckets = [0.1, 0.3, 1.2, 5.0];

    /// <summary>Share of requests at or under each bucket per code; 500s are mostly web's 5–7 s upstream timeouts.</summary>
    private static readonly Dictionary<string, (double[] Cumulative, double MeanSeconds)> s_latency = new(StringComparer.Ordinal)
    {
        ["200"] = ([0.55, 0.85, 0.97, 0.995], 0.14),
        ["404"] = ([0.9, 0.99, 1, 1], 0.03),
        ["500"] = ([0, 0.05, 0.2, 0.4], 4.8),
    };

    /// <summary>All requests so far: the integral of PerSecond × (1 + Swell·sin(ωs + φ)) from the start.</summary>
    private double All(DateTimeOffset at)
    {
        var seconds = Math.Max(0, (at - Started).TotalSeconds);
        var phase = (uint)Model.DemoStats.StableHash(Service) / (double)uint.MaxValue * Math.Tau;
        return PerSecond * (seconds + Swell / s_omega * (Math.Cos(phase) - Math.Cos(s_omega * seconds + phase)));
    }

    /// <summary>Whole requests with this code so far (floor keeps the count monotonic).</summary>
    public double Requests(string code, DateTimeOffset at) => Math.Floor(All(at) * Codes.First(c => c.Code == code).Share);

    /// <summary>Requests with this code that took at most <c>Buckets[bucket]</c> seconds (cumulative, as histograms count).</summary>
    public double Bucket(string code, int bucket, DateTimeOffset at) => Math.Floor(Requests(code, at) * s_latency[code].Cumulative[bucket]);

    public double DurationSum(string code, DateTimeOffset at) => Requests(code, at) * s_latency[code].MeanSeconds;
}
