using System.Diagnostics;
using System.Globalization;
using Styx.Cluster.Logs;
using Styx.Demo;

namespace Styx.Logs.Benchmarks;

/// <summary><c>sessions</c> buffers following one target through the shared tails, and the bursts written into it.</summary>
internal sealed class BurstRun(LogReader reader, LogTails tails, DemoServer demo, LogTarget target, int sessions, int capacity) : IDisposable
{
    private readonly List<LogBuffer> _buffers = [.. Enumerable.Range(0, sessions).Select(_ => new LogBuffer(capacity))];
    private readonly List<IDisposable> _follows = [];

    public async Task FollowAsync()
    {
        _follows.AddRange(_buffers.Select(b => reader.Follow(target, b)));
        await Until(() => tails.OpenTails > 0 && _buffers.All(b => b.Next > 0), "every buffer has its first lines");
    }

    /// <summary>Writes a burst of <paramref name="rate"/> lines/s for <paramref name="length"/>, then waits until every buffer has all of it.</summary>
    public async Task<BurstResult> BurstAsync(int rate, TimeSpan length)
    {
        var before = _buffers.Select(b => b.Next).ToList();
        var readBefore = tails.Tails.Sum(t => t.LinesRead);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        demo.StartLogBurst(target.JobId, rate);
        await Task.Delay(length);
        demo.StopLogBurst(target.JobId);

        // Done when the newest burst line the first buffer holds has not moved for a second: the tails have read the
        // whole burst (the demo's ordinary lines, one a second per allocation, keep arriving and do not count).
        var newest = -1L;
        var quiet = 0;
        var caughtUp = clock.Elapsed;
        var scratch = new List<LogLine>();
        while (quiet < 10)
        {
            await Task.Delay(100);
            scratch.Clear();
            _buffers[0].CopySince(Math.Max(before[0], _buffers[0].Next - 2000), scratch);
            var seen = scratch.Select(l => BurstResult.Sequence(l.Text)).DefaultIfEmpty(0).Max();
            if (seen != newest)
            {
                newest = seen;
                quiet = 0;
                caughtUp = clock.Elapsed;
            }
            else
            {
                quiet++;
            }
        }

        var lastRead = tails.Tails.Sum(t => t.LinesRead);
        // CPU over the burst and the catch-up only, not the quiet second that proved it was over.
        var seconds = caughtUp.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        return new BurstResult(_buffers, before, lastRead - readBefore, seconds, cpuSeconds, capacity);
    }

    public void Dispose() => _follows.ForEach(f => f.Dispose());

    private static async Task Until(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("never happened: " + what);
            }

            await Task.Delay(20);
        }
    }
}

/// <summary>What every buffer holds after a burst, checked line by line.</summary>
internal sealed record BurstResult(List<LogBuffer> Buffers, List<long> Before, long LinesRead, double Seconds, double CpuSeconds, int Capacity)
{
    /// <summary>The last burst sequence seen per allocation, across runs: a burst held whole must start right after it.</summary>
    private static readonly Dictionary<string, long> s_lastSequence = [];

    /// <summary>Process CPU seconds per 10,000 lines read (the demo writing them included).</summary>
    public double CpuPer10k => CpuSeconds / Math.Max(1, LinesRead) * 10_000;

    /// <summary>Prints the run and returns the number of buffers that broke a rule.</summary>
    public int Report(string name)
    {
        var failures = 0;
        var burstLines = 0L;
        foreach (var (buffer, index) in Buffers.Select((b, i) => (b, i)))
        {
            var received = buffer.Next - Before[index];
            var held = new List<LogLine>();
            var first = buffer.CopySince(Before[index], held);
            var problems = new List<string>();
            if (received != LinesRead)
            {
                problems.Add($"received {received} of the {LinesRead} lines the tails read");
            }

            // Below the cap everything since the burst began is held; above it the newest Capacity lines are, and the
            // dropped count is exactly the rest.
            var expectedDropped = Math.Max(0, buffer.Next - Capacity);
            if (buffer.Dropped != expectedDropped || held.Count != Math.Min(received, Capacity) || first != Math.Max(Before[index], buffer.Next - Capacity))
            {
                problems.Add($"holds {held.Count} lines from {first}, dropped {buffer.Dropped} (expected {expectedDropped})");
            }

            // Burst lines carry a sequence number per allocation: within what is held, none is missing or repeated.
            foreach (var allocation in held.GroupBy(l => l.Origin.AllocationId))
            {
                var sequence = allocation.Select(l => Sequence(l.Text)).Where(s => s > 0).ToList();
                if (index == 0 && sequence.Count > 0)
                {
                    burstLines += sequence.Count;
                    // A new tail starts with the end of the log, which may hold the last burst's lines: the new burst's
                    // first line must come right after the last one seen.
                    var previous = s_lastSequence.GetValueOrDefault(allocation.Key);
                    var fresh = sequence.FirstOrDefault(seq => seq > previous);
                    if (received <= Capacity && fresh != previous + 1)
                    {
                        problems.Add($"allocation {allocation.Key[..8]}: the burst starts at seq {fresh}, after {previous}");
                    }

                    s_lastSequence[allocation.Key] = sequence[^1];
                }

                for (var i = 1; i < sequence.Count; i++)
                {
                    if (sequence[i] != sequence[i - 1] + 1)
                    {
                        problems.Add($"allocation {allocation.Key[..8]}: seq {sequence[i - 1]} followed by {sequence[i]}");
                        break;
                    }
                }
            }

            if (problems.Count > 0)
            {
                failures++;
                Console.WriteLine($"  buffer {index}: " + string.Join("; ", problems));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {LinesRead} lines in {Seconds:F1} s ({Buffers[0].Dropped} dropped in each buffer, {burstLines} burst lines held), " +
            $"{(failures == 0 ? "every buffer exact" : failures + " buffers wrong")}; process CPU {CpuPer10k * 1000:F0} ms per 10,000 lines"));
        return failures;
    }

    public static long Sequence(string text)
    {
        var at = text.IndexOf(" burst seq=", StringComparison.Ordinal);
        if (at < 0)
        {
            return 0;
        }

        var start = at + " burst seq=".Length;
        var end = text.IndexOf(' ', start);
        return long.Parse(text.AsSpan(start, end - start), CultureInfo.InvariantCulture);
    }
}
