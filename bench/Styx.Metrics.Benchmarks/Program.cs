using System.Diagnostics;
using System.Globalization;
using Styx.Cluster.Prometheus;
using Styx.Tui.Shell.Metrics;

// Composes the Metrics screen's graphs as a refresh does: each graph of 240 points (1h at a 15 s step) for three series
// (a node's cores, say), stacked to fill the screen (one graph at 80×24, as it shows two with headers; four at 200×60).
// Prints the median and p99 per screen and the bytes allocated. The frame's diff and SSH are measured by
// bench/Styx.Tui.Benchmarks; this is the drawing the Metrics screen adds on top.
// Run: dotnet run -c Release --project bench/Styx.Metrics.Benchmarks [-- ITERATIONS]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2000;
var end = DateTimeOffset.Parse("2026-11-30T12:00:00Z", CultureInfo.InvariantCulture);
var step = TimeSpan.FromSeconds(15);
var series = Enumerable.Range(0, 3).Select(s => new ChartSeries(
    $"host=mac-mini-{s + 1}",
    [.. Enumerable.Range(0, 240).Select(i => new PrometheusSample(end - (step * (239 - i)), 40 + (25 * Math.Sin((i + (s * 40)) / 17.0)) + (i % 7)))])).ToList();
var frame = new ChartFrame(end - TimeSpan.FromHours(1), end, step,
    v => v.ToString("0.#", CultureInfo.InvariantCulture) + "%", t => t.ToString("HH:mm", CultureInfo.InvariantCulture));

Measure("80×24, 2 graphs of 80×9", 80, 9, 2);
Measure("200×60, 4 graphs of 200×13", 200, 13, 4);

void Measure(string name, int width, int height, int graphs)
{
    for (var i = 0; i < 200; i++)
    {
        _ = LineChart.Draw(series, frame, width, height);
    }

    var times = new double[iterations];
    var allocated = GC.GetAllocatedBytesForCurrentThread();
    for (var i = 0; i < iterations; i++)
    {
        var started = Stopwatch.GetTimestamp();
        for (var g = 0; g < graphs; g++)
        {
            _ = LineChart.Draw(series, frame with { Cursor = i % 2 == 0 ? null : width / 2 }, width, height);
        }

        times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
    }

    allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated) / iterations;
    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: compose per screen median {times[iterations / 2]:F0} µs, p99 {times[iterations * 99 / 100]:F0} µs, {allocated / 1024.0:F0} KiB allocated"));
}
