using System.Diagnostics;
using System.Globalization;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// The Metrics screen through a real SSH session at 80×24 and at 200×60, against the demo's Prometheus API:
/// <list type="bullet">
/// <item>first render: <c>m</c> on a node row to the frame that carries the memory graph's axis, which is drawn only once
/// the query has answered (the key, a new shared query, Prometheus's answer, the layout and the frame);</item>
/// <item>range change: <c>1</c> (15m, from the 1h the screen opens with) to the frame that says so;</item>
/// <item>next graph: <c>j</c> to its frame, the whole screen drawn again with nothing asked of Prometheus;</item>
/// <item>redraw per refresh: left alone on the 15m range, the screen refreshes every 5 s; the bytes and the server CPU
/// each refresh costs, over and above the same session sitting on the Help screen, which has no metrics.</item>
/// </list>
/// </summary>
internal static class MetricsRun
{
    private static readonly TimeSpan s_refreshWindow = TimeSpan.FromSeconds(30);

    public static async Task RunAsync(StyxDemoProcess styx, string keyPath, TimeSpan timeout)
    {
        foreach (var (columns, rows) in new[] { (80, 24), (200, 60) })
        {
            using var session = TerminalSession.Open(styx.Port, "bench", keyPath, columns, rows);
            await session.WaitForAsync(TimeSpan.FromSeconds(90), "3/3 ready", "bench (admin)");
            await session.PastStartupQueriesAsync();
            session.Type(":nodes");
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));
            await session.PressUntilShownAsync("\r", "mac-studio-1", timeout);
            await session.SettleAsync(TimeSpan.FromMilliseconds(300));

            var first = new Samples("ms");
            var range = new Samples("ms");
            var redraw = new Samples("ms");
            var rangeBytes = new Samples("B");
            for (var i = 0; i < 21; i++)
            {
                // The memory graph's axis reads GiB only once the answer is in (without data it spans 0–1 B): a frame
                // without the answer does not count.
                var opened = await session.PressUntilShownAsync("m", "GiB┤", timeout);
                await session.SettleAsync(TimeSpan.FromMilliseconds(200));
                var before = session.Bytes;
                var changed = await session.PressUntilShownAsync("1", "last 15m", timeout);
                var changeBytes = session.Bytes - before;
                await session.SettleAsync(TimeSpan.FromMilliseconds(200));
                // The next graph: nothing is asked of Prometheus, the whole screen is laid out and drawn again.
                var selected = await session.PressUntilShownAsync("j", "graph 2/", timeout);
                await session.SettleAsync(TimeSpan.FromMilliseconds(200));
                await session.PressUntilShownAsync("k", "graph 1/", timeout);
                await session.SettleAsync(TimeSpan.FromMilliseconds(200));
                if (i > 0)
                {
                    // The first pass warms the code paths, as on a server that has been up.
                    first.Add(opened);
                    range.Add(changed);
                    redraw.Add(selected);
                    rangeBytes.Add(changeBytes);
                }

                await session.PressUntilShownAsync("\u001b", "mac-studio-1", timeout);
                await session.SettleAsync(TimeSpan.FromMilliseconds(200));
            }

            Console.WriteLine($"metrics {columns}×{rows}: first render, m to the frame with the graph: {first.Summary()}");
            Console.WriteLine($"metrics {columns}×{rows}: range change, key to the frame saying so:   {range.Summary()}");
            Console.WriteLine($"metrics {columns}×{rows}: range change, bytes up to that frame:     {rangeBytes.Summary()}");
            Console.WriteLine($"metrics {columns}×{rows}: next graph (j), a redraw with no query:     {redraw.Summary()}");

            // The baseline: the same session on the Help screen, which shows no metrics and so wakes for nothing.
            await session.PressUntilShownAsync("?", "Keys: Nodes", timeout);
            await session.SettleAsync(TimeSpan.FromSeconds(1));
            var (baselineBytes, baselineCpu) = await WindowAsync(styx, session);
            // A lone ESC followed at once by m would read as Alt+m: wait until the help is gone.
            session.Type("\u001b");
            await session.WaitForScreenAsync("Keys: Nodes", shown: false, timeout);
            await session.PressUntilShownAsync("m", "GiB┤", timeout);
            await session.PressUntilShownAsync("1", "last 15m", timeout);
            await session.SettleAsync(TimeSpan.FromSeconds(1));
            var (bytes, cpu) = await WindowAsync(styx, session);
            var refreshes = s_refreshWindow / TimeSpan.FromSeconds(5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"metrics {columns}×{rows}: redraw per refresh (15m range, every 5 s): {(bytes - baselineBytes) / refreshes / 1024:0.0} KiB sent, {(cpu - baselineCpu).TotalMilliseconds / refreshes:0.0} ms server CPU (Help screen over the same {s_refreshWindow.TotalSeconds:0} s: {baselineBytes} B, {baselineCpu.TotalMilliseconds:0} ms CPU)"));
            session.Type("q");
        }
    }

    /// <summary>Bytes the session received and CPU the server used over <see cref="s_refreshWindow"/>.</summary>
    private static async Task<(double Bytes, TimeSpan Cpu)> WindowAsync(StyxDemoProcess styx, TerminalSession session)
    {
        var bytes = session.Bytes;
        var cpu = styx.ProcessorTime;
        await Task.Delay(s_refreshWindow);
        return (session.Bytes - bytes, styx.ProcessorTime - cpu);
    }
}
