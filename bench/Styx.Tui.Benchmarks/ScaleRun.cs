using System.Diagnostics;
using System.Globalization;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// DESIGN.md §10's large-cluster row: the demo cluster at 1,000 Macs and 5,000 jobs; the Jobs screen's first render
/// (enter on <c>:jobs</c> to the frame), a filter key (a key typed after <c>/</c> to the frame), and the server's RSS.
/// </summary>
internal static class ScaleRun
{
    public const string Config = """{ "demoCluster": { "nodes": 1000, "extraJobs": 4989 } }""";

    public static async Task RunAsync(StyxDemoProcess styx, string keyPath, TimeSpan timeout)
    {
        var loading = Stopwatch.StartNew();
        using (var first = TerminalSession.Open(styx.Port, "bench", keyPath))
        {
            await first.WaitForAsync(TimeSpan.FromMinutes(10), "1000/1000 ready", "bench (admin)");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: cluster loaded and shown after {loading.Elapsed.TotalSeconds:0.0} s"));
        var render = new Samples("ms");
        var renderSettled = new Samples("ms");
        var filter = new Samples("ms");
        using var session = TerminalSession.Open(styx.Port, "bench", keyPath);
        await session.WaitForAsync(timeout, "1000/1000 ready", "bench (admin)");
        await session.PastStartupQueriesAsync();
        for (var i = 0; i < 6; i++)
        {
            session.Type(":jobs");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
            var clock = Stopwatch.StartNew();
            var firstOutput = await session.PressAsync("\r", timeout);
            await session.SettleAsync(TimeSpan.FromMilliseconds(200));
            if (i > 0)
            {
                // The first pass warms the code paths, as on a server that has been up.
                render.Add(firstOutput);
                renderSettled.Add((clock.Elapsed - TimeSpan.FromMilliseconds(200)).TotalMilliseconds);
            }

            session.Type("/");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
            foreach (var key in "app-12")
            {
                filter.Add(await session.PressAsync(key.ToString(), timeout));
                await session.SettleAsync(TimeSpan.FromMilliseconds(100));
            }

            // Leave the prompt (keeping the filter), then esc clears the filter and esc goes back to the Overview.
            session.Type("\r");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
            session.Type("\u001b");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
            session.Type("\u001b");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
        }

        Console.WriteLine($"scale: Jobs screen render, enter to first bytes: {render.Summary()}");
        Console.WriteLine($"scale: Jobs screen render, enter to last bytes:  {renderSettled.Summary()}");
        Console.WriteLine($"scale: filter key to frame:                     {filter.Summary()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scale: server RSS {styx.ResidentBytes / 1024.0 / 1024.0:0.0} MB"));
    }
}
