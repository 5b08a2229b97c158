using System.Text.Json.Nodes;

namespace Styx.Demo.Model;

/// <summary>
/// Resource usage that moves like a real workload: a slow wave per allocation (phase from its ID) plus the size of its
/// ask, so screens and metrics have something alive to show. Deterministic for a given time.
/// </summary>
internal static class DemoStats
{
    public static JsonObject Allocation(DemoAllocation allocation, DateTimeOffset now)
    {
        var tasks = new JsonObject();
        double totalPercent = 0;
        ulong totalRss = 0;
        foreach (var task in allocation.TaskResources.Keys)
        {
            var (percent, rss) = Task(allocation, task, now);
            totalPercent += percent;
            totalRss += rss;
            tasks[task] = new JsonObject { ["ResourceUsage"] = Usage(percent, rss), ["Timestamp"] = DemoCluster.ToNanos(now), ["Pids"] = null };
        }

        return new JsonObject
        {
            ["ResourceUsage"] = Usage(totalPercent, totalRss),
            ["Tasks"] = tasks,
            ["Timestamp"] = DemoCluster.ToNanos(now),
        };
    }

    /// <summary>A task's CPU percent and RSS bytes at a time: what both the stats endpoint and the metrics report.</summary>
    public static (double Percent, ulong Rss) Task(DemoAllocation allocation, string task, DateTimeOffset now)
    {
        var (cpu, memory) = allocation.TaskResources[task];
        var load = Wave(allocation.Id + task, now);
        return (Math.Round(cpu / 1000.0 * 100 * (0.15 + 0.5 * load), 3), (ulong)(memory * 1048576.0 * (0.35 + 0.4 * load)));
    }

    /// <summary>Busy percent of one core of a node running <paramref name="running"/> allocations.</summary>
    public static double CoreBusy(DemoNode node, int core, int running, DateTimeOffset now) =>
        Math.Round(5 + 60 * Wave(node.Id + core, now) * Math.Min(1, running / 4.0), 2);

    /// <summary>Host memory in use in bytes (not capped at the total): 60 % of the running allocations' asks plus 4 GiB for macOS.</summary>
    public static long MemoryUsed(IReadOnlyList<DemoAllocation> running) =>
        running.Sum(a => a.TaskResources.Values.Sum(r => (long)r.MemoryMB)) * 1048576L * 6 / 10 + 4L * 1024 * 1048576;

    public static JsonObject Host(DemoNode node, IReadOnlyList<DemoAllocation> running, DateTimeOffset now)
    {
        var used = MemoryUsed(running);
        var total = node.MemoryMB * 1048576L;
        var cpus = new JsonArray();
        for (var i = 0; i < node.Cores; i++)
        {
            var busy = CoreBusy(node, i, running.Count, now);
            cpus.Add(new JsonObject { ["CPU"] = "cpu" + i, ["User"] = busy * 0.7, ["System"] = busy * 0.3, ["Idle"] = 100 - busy, ["Total"] = busy });
        }

        return new JsonObject
        {
            ["Memory"] = new JsonObject { ["Total"] = total, ["Available"] = Math.Max(0, total - used), ["Used"] = Math.Min(total, used), ["Free"] = Math.Max(0, total - used) / 2 },
            ["CPU"] = cpus,
            ["CPUTicksConsumed"] = running.Sum(a => a.TaskResources.Values.Sum(r => r.Cpu)) * 0.4,
            ["DiskStats"] = new JsonArray(new JsonObject
            {
                ["Device"] = "/dev/disk3s1",
                ["Mountpoint"] = "/",
                ["Size"] = node.DiskMB * 1048576L,
                ["Used"] = node.DiskMB * 1048576L * 38 / 100,
                ["Available"] = node.DiskMB * 1048576L * 62 / 100,
                ["UsedPercent"] = 38.0,
                ["InodesUsedPercent"] = 1.2,
            }),
            ["AllocDirStats"] = null,
            ["DeviceStats"] = null,
            ["Uptime"] = 864000,
            ["Timestamp"] = DemoCluster.ToNanos(now),
        };
    }

    /// <summary>0..1, a five-minute sine with a phase from the key.</summary>
    internal static double Wave(string key, DateTimeOffset now)
    {
        var phase = (uint)StableHash(key) / (double)uint.MaxValue * Math.Tau;
        return 0.5 + 0.5 * Math.Sin(now.ToUnixTimeMilliseconds() / 300_000.0 * Math.Tau + phase);
    }

    /// <summary>FNV-1a: string.GetHashCode is randomized per process and the demo must repeat itself.</summary>
    internal static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private static JsonObject Usage(double percent, ulong rss) => new()
    {
        ["CpuStats"] = new JsonObject
        {
            ["Measured"] = new JsonArray("Throttled Periods", "Throttled Time", "Percent"),
            ["Percent"] = percent,
            ["SystemMode"] = percent * 0.2,
            ["UserMode"] = percent * 0.8,
            ["ThrottledPeriods"] = 0,
            ["ThrottledTime"] = 0,
            ["TotalTicks"] = percent * 24,
        },
        ["MemoryStats"] = new JsonObject
        {
            ["Measured"] = new JsonArray("RSS", "Cache", "Swap", "Max Usage"),
            ["RSS"] = rss,
            ["Cache"] = rss / 8,
            ["Swap"] = 0,
            ["Usage"] = rss + rss / 8,
            ["MaxUsage"] = rss + rss / 4,
            ["KernelUsage"] = 0,
            ["KernelMaxUsage"] = 0,
        },
        ["DeviceStats"] = null,
    };
}
