using System.Diagnostics;
using System.Globalization;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// DESIGN.md §10's log-burst row, through real SSH sessions: the demo's web job writes 10,000 lines/s from the start,
/// and 1, then 50 sessions follow it on the Logs screen. In a few of them the benchmark presses <c>f</c> (follow on/off)
/// and times the frame that carries the key's answer on the message line, since a followed burst changes the screen all
/// the time anyway. Only short texts without spaces are looked for: the output sends changed cells only, so a longer
/// text can arrive cut where the old screen had the same character. Server CPU is read from /proc over the measured window; the per-session cost is the difference
/// between 50 sessions and 1 (the demo writing the burst and the shared tails cost the same in both).
/// </summary>
internal static class LogsRun
{
    public const string Config = """{ "demoCluster": { "logBurstJob": "web", "logBurstLinesPerSecond": 10000 } }""";

    public static async Task RunAsync(StyxDemoProcess styx, string keyPath, TimeSpan timeout)
    {
        var idleCpu = await CpuAsync(styx, TimeSpan.FromSeconds(5));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"logs: burst of 10,000 lines/s into web; server CPU with nobody following: {idleCpu * 100:F0}% of a core"));
        var cpu = new Dictionary<int, double>();
        foreach (var count in new[] { 1, 50 })
        {
            var sessions = new List<TerminalSession>();
            try
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, _) =>
                {
                    var session = TerminalSession.Open(styx.Port, "bench", keyPath);
                    lock (sessions)
                    {
                        sessions.Add(session);
                    }

                    await session.WaitForAsync(TimeSpan.FromSeconds(90), "3/3 ready", "bench (admin)");
                    await session.PastStartupQueriesAsync();
                    session.Type(":logs web");
                    await session.SettleAsync(TimeSpan.FromMilliseconds(300));
                    session.Type("\r");
                    await session.WaitForAsync(timeout, "burst seq=");
                });

                // Following for a while first: the tails are open and every session has filled its buffer.
                await Task.Delay(TimeSpan.FromSeconds(5));
                var latency = new Samples("ms");
                var bytesBefore = sessions.Sum(s => s.Bytes);
                var cpuBefore = styx.ProcessorTime;
                var clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var measured = sessions.Take(5).ToList();
                for (var i = 0; i < 200; i++)
                {
                    var session = measured[i % measured.Count];
                    var pausing = i / measured.Count % 2 == 0;
                    latency.Add(await session.PressUntilAsync("f", pausing ? "paused:" : "following", timeout));
                    await Task.Delay(50);
                }

                cpu[count] = (styx.ProcessorTime - cpuBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
                var clientCpu = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore).TotalSeconds / clock.Elapsed.TotalSeconds;
                var bytesPerSession = (sessions.Sum(s => s.Bytes) - bytesBefore) / clock.Elapsed.TotalSeconds / count;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"logs: {count,2} session(s) following, key to frame in a following session: {latency.Summary()}; {bytesPerSession / 1024:F0} KiB/s to each session; server CPU {cpu[count] * 100:F0}% of a core, RSS {styx.ResidentBytes / 1024.0 / 1024.0:F0} MB; the benchmark's SSH clients {clientCpu * 100:F0}% of a core"));
            }
            finally
            {
                sessions.ForEach(s => s.Dispose());
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"logs: server CPU per following session: {(cpu[50] - cpu[1]) / 49 * 100:F2}% of a core (1 session {cpu[1] * 100:F0}%, 50 sessions {cpu[50] * 100:F0}%, nobody {idleCpu * 100:F0}%)"));
    }

    private static async Task<double> CpuAsync(StyxDemoProcess styx, TimeSpan window)
    {
        var before = styx.ProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        return (styx.ProcessorTime - before).TotalSeconds / clock.Elapsed.TotalSeconds;
    }
}
