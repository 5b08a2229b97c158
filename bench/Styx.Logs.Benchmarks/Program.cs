using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Logs;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Demo;
using Styx.Logs.Benchmarks;

// A burst of 10,000 lines per second into web (Styx.Demo over real HTTP on loopback), followed through the shared
// Nomad tails by 1 and by 50 session buffers of 10,000 lines each. For each: a short burst that stays below the cap
// (every line must arrive, consecutive per allocation) and a long one that goes above it (the buffer must hold exactly
// the newest 10,000 lines, consecutive, and count exactly the rest as dropped). Reports the server CPU per following
// session (the demo's own cost of writing the burst is the same in both and cancels out of the difference).
// Run: dotnet run -c Release --project bench/Styx.Logs.Benchmarks [-- --rate 10000 --seconds 5]
var rate = Option("--rate", 10_000);
var seconds = Option("--seconds", 5);
const int Capacity = 10_000;

await using var demo = await DemoServer.StartAsync(new DemoOptions());
using var viewer = new NomadClient(new NomadClientOptions { Address = demo.NomadAddress, Token = demo.Acl.Viewer.SecretId });
await using var state = new ClusterState(viewer, new ClusterStateOptions(), TimeProvider.System, NullLogger<ClusterState>.Instance);
state.Start();
await using var tails = new LogTails(viewer.Streams, new LogTailOptions { SessionLines = Capacity }, TimeProvider.System, NullLoggerFactory.Instance);
var reader = new LogReader(state, tails, viewer.Streams, null, null, TimeProvider.System, NullLogger<LogReader>.Instance);
await Until(() => state.Current.IsComplete && state.Current.Allocations.Count(a => a.JobID == "web" && a.ClientStatus == "running") >= 2, "web running", TimeSpan.FromSeconds(60));
var target = new LogTarget("default", "web");
var allocations = NomadLogFollower.Streams(state.Current, target).Select(s => s.AllocationId).ToList();
Console.WriteLine($"Styx.Demo on {demo.NomadAddress}, web on {allocations.Count} allocations, {Environment.ProcessorCount} cores, burst {rate} lines/s");

var cpuPer10k = new Dictionary<int, double>();
var failures = 0;
foreach (var sessions in new[] { 1, 50 })
{
    var run = new BurstRun(reader, tails, demo, target, sessions, Capacity);
    await run.FollowAsync();

    // Below the cap: a burst of well under 10,000 lines must arrive whole.
    var small = await run.BurstAsync(rate, TimeSpan.FromMilliseconds(Capacity * 400.0 / rate));
    failures += small.Report($"{sessions,2} session(s), burst below the cap");

    var large = await run.BurstAsync(rate, TimeSpan.FromSeconds(seconds));
    failures += large.Report($"{sessions,2} session(s), burst above the cap");
    cpuPer10k[sessions] = large.CpuPer10k;
    run.Dispose();
    await Until(() => tails.OpenTails == 0, "the tails closed", TimeSpan.FromSeconds(10));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"process CPU per 10,000 burst lines: 1 session {cpuPer10k[1] * 1000:F0} ms, 50 sessions {cpuPer10k[50] * 1000:F0} ms; " +
    $"per following session {(cpuPer10k[50] - cpuPer10k[1]) / 49 * 1000:F2} ms per 10,000 lines, so {(cpuPer10k[50] - cpuPer10k[1]) / 49 * rate / 10_000 * 100:F2}% of a core at {rate} lines/s"));
return failures == 0 ? 0 : 1;

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static async Task Until(Func<bool> condition, string what, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (!condition())
    {
        if (clock.Elapsed > timeout)
        {
            throw new TimeoutException("never happened: " + what);
        }

        await Task.Delay(20);
    }
}
