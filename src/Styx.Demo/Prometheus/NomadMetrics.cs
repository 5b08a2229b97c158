using System.Globalization;
using Styx.Demo.Model;

namespace Styx.Demo.Prometheus;

/// <summary>
/// What one simulated Nomad agent exposes at <c>/v1/metrics?format=prometheus</c> with
/// <c>publish_node_metrics</c> and <c>publish_allocation_metrics</c> on (cluster-apis.md §4.1): host and allocation
/// gauges from the numbers <see cref="DemoStats"/> gives the stats endpoints, scheduler capacity, and on the server,
/// the server-health metrics. Names are go-metrics' flattened dotted names and, as its Prometheus sink does, each
/// family's help is its own name. Call under the cluster's lock.
/// </summary>
internal static class NomadMetrics
{
    /// <summary>Nomad's HTTP port: the instance Prometheus's Nomad service discovery gives each agent.</summary>
    private const int HttpPort = 4646;

    public static ScrapeTarget Agent(DemoCluster cluster, DemoNode node)
    {
        var started = cluster.Started;
        var running = cluster.Allocations.Values.Where(a => a.Node == node && a.ClientStatus == "running").ToList();
        var live = cluster.Allocations.Values.Where(a => a.Node == node && !a.IsTerminal).ToList();
        var used = DemoStats.MemoryUsed(running);
        var total = node.MemoryMB * 1048576L;
        // client.go's base labels plus the node's status and eligibility.
        var nodeLabels = PromLabels.Of(
            ("datacenter", node.Datacenter), ("host", node.Name), ("node_class", node.NodeClass), ("node_id", node.Id),
            ("node_pool", "default"), ("node_scheduling_eligibility", node.SchedulingEligibility), ("node_status", node.Status));
        var families = new List<MetricFamily>();

        void Gauge(string name, IEnumerable<MetricSample> samples) => families.Add(new MetricFamily(name, MetricType.Gauge, name, [.. samples]));
        MetricSample Sample(string name, PromLabels labels, DateTimeOffset born, Func<DateTimeOffset, double> value) => new(name, labels, born, value);
        IEnumerable<MetricSample> PerCore(string name, Func<double, double> value) =>
            Enumerable.Range(0, node.Cores).Select(core => Sample(name, nodeLabels.With("cpu", "cpu" + core.ToString(CultureInfo.InvariantCulture)), started,
                t => value(DemoStats.CoreBusy(node, core, running.Count, t))));

        Gauge("nomad_client_host_cpu_total", PerCore("nomad_client_host_cpu_total", busy => busy));
        Gauge("nomad_client_host_cpu_total_percent", PerCore("nomad_client_host_cpu_total_percent", busy => busy));
        Gauge("nomad_client_host_cpu_user", PerCore("nomad_client_host_cpu_user", busy => busy * 0.7));
        Gauge("nomad_client_host_cpu_system", PerCore("nomad_client_host_cpu_system", busy => busy * 0.3));
        Gauge("nomad_client_host_cpu_idle", PerCore("nomad_client_host_cpu_idle", busy => 100 - busy));

        // The same expressions as DemoStats.Host's Memory object.
        Gauge("nomad_client_host_memory_total", [Sample("nomad_client_host_memory_total", nodeLabels, started, _ => total)]);
        Gauge("nomad_client_host_memory_available", [Sample("nomad_client_host_memory_available", nodeLabels, started, _ => Math.Max(0, total - used))]);
        Gauge("nomad_client_host_memory_used", [Sample("nomad_client_host_memory_used", nodeLabels, started, _ => Math.Min(total, used))]);
        Gauge("nomad_client_host_memory_free", [Sample("nomad_client_host_memory_free", nodeLabels, started, _ => Math.Max(0, total - used) / 2)]);

        var diskLabels = nodeLabels.With("disk", "/dev/disk3s1");
        var disk = node.DiskMB * 1048576L;
        Gauge("nomad_client_host_disk_size", [Sample("nomad_client_host_disk_size", diskLabels, started, _ => disk)]);
        Gauge("nomad_client_host_disk_used", [Sample("nomad_client_host_disk_used", diskLabels, started, _ => disk * 38 / 100)]);
        Gauge("nomad_client_host_disk_available", [Sample("nomad_client_host_disk_available", diskLabels, started, _ => disk * 62 / 100)]);
        Gauge("nomad_client_host_disk_used_percent", [Sample("nomad_client_host_disk_used_percent", diskLabels, started, _ => 38.0)]);
        Gauge("nomad_client_host_disk_inodes_percent", [Sample("nomad_client_host_disk_inodes_percent", diskLabels, started, _ => 1.2)]);

        // Scheduler capacity in MHz and MB: what the live allocations ask for and what is left of the node.
        var askedCpu = live.Sum(a => a.TaskResources.Values.Sum(r => (double)r.Cpu));
        var askedMemory = live.Sum(a => a.TaskResources.Values.Sum(r => (double)r.MemoryMB));
        Gauge("nomad_client_allocated_cpu", [Sample("nomad_client_allocated_cpu", nodeLabels, started, _ => askedCpu)]);
        Gauge("nomad_client_allocated_memory", [Sample("nomad_client_allocated_memory", nodeLabels, started, _ => askedMemory)]);
        Gauge("nomad_client_unallocated_cpu", [Sample("nomad_client_unallocated_cpu", nodeLabels, started, _ => node.CpuShares - askedCpu)]);
        Gauge("nomad_client_unallocated_memory", [Sample("nomad_client_unallocated_memory", nodeLabels, started, _ => node.MemoryMB - askedMemory)]);
        var pending = live.Count(a => a.ClientStatus == "pending");
        Gauge("nomad_client_allocations_running", [Sample("nomad_client_allocations_running", nodeLabels, started, _ => running.Count)]);
        Gauge("nomad_client_allocations_pending", [Sample("nomad_client_allocations_pending", nodeLabels, started, _ => pending)]);
        // DemoStats.Host reports 10 days of uptime at the start.
        Gauge("nomad_client_uptime", [Sample("nomad_client_uptime", nodeLabels, started, t => 864000 + Math.Floor((t - started).TotalSeconds))]);

        AllocationFamilies(running, node, families);
        if (node.NodeClass == "server")
        {
            families.AddRange(ServerFamilies(cluster, node));
        }

        return new ScrapeTarget("nomad", Instance(node), node.Status == "ready", started, families);
    }

    public static string Instance(DemoNode node) => node.Address + ":" + HttpPort.ToString(CultureInfo.InvariantCulture);

    /// <summary>Per task, with the labels task_runner.go sets (job, task_group, alloc_id, task, namespace) plus go-metrics' host.</summary>
    private static void AllocationFamilies(List<DemoAllocation> running, DemoNode node, List<MetricFamily> families)
    {
        var tasks = running.SelectMany(a => a.TaskResources.Keys.Select(task =>
        {
            var state = a.TaskStates.TryGetValue(task, out var s) ? s : null;
            var labels = PromLabels.Of(("alloc_id", a.Id), ("host", node.Name), ("job", a.JobId), ("namespace", a.Namespace), ("task", task), ("task_group", a.TaskGroup));
            return (Allocation: a, Task: task, Labels: labels, Born: state?.StartedAt ?? a.PhaseStarted);
        })).ToList();

        void Gauge(string name, Func<DemoAllocation, string, DateTimeOffset, double> value) =>
            families.Add(new MetricFamily(name, MetricType.Gauge, name, [.. tasks.Select(t => new MetricSample(name, t.Labels, t.Born, at => value(t.Allocation, t.Task, at)))]));

        // The same numbers as DemoStats.Allocation's ResourceUsage for the task.
        Gauge("nomad_client_allocs_cpu_total_percent", (a, task, t) => DemoStats.Task(a, task, t).Percent);
        Gauge("nomad_client_allocs_cpu_user", (a, task, t) => DemoStats.Task(a, task, t).Percent * 0.8);
        Gauge("nomad_client_allocs_cpu_system", (a, task, t) => DemoStats.Task(a, task, t).Percent * 0.2);
        Gauge("nomad_client_allocs_cpu_total_ticks", (a, task, t) => DemoStats.Task(a, task, t).Percent * 24);
        Gauge("nomad_client_allocs_cpu_throttled_time", (_, _, _) => 0);
        Gauge("nomad_client_allocs_cpu_throttled_periods", (_, _, _) => 0);
        Gauge("nomad_client_allocs_cpu_allocated", (a, task, _) => a.TaskResources[task].Cpu);
        Gauge("nomad_client_allocs_memory_rss", (a, task, t) => Rss(a, task, t));
        Gauge("nomad_client_allocs_memory_cache", (a, task, t) => Rss(a, task, t) / 8);
        Gauge("nomad_client_allocs_memory_swap", (_, _, _) => 0);
        Gauge("nomad_client_allocs_memory_usage", (a, task, t) => Rss(a, task, t) + Rss(a, task, t) / 8);
        Gauge("nomad_client_allocs_memory_max_usage", (a, task, t) => Rss(a, task, t) + Rss(a, task, t) / 4);
        Gauge("nomad_client_allocs_memory_allocated", (a, task, _) => a.TaskResources[task].MemoryMB * 1048576.0);
    }

    /// <summary>Integer division as in DemoStats' ResourceUsage (Usage = RSS + RSS/8, MaxUsage = RSS + RSS/4).</summary>
    private static ulong Rss(DemoAllocation allocation, string task, DateTimeOffset at) => DemoStats.Task(allocation, task, at).Rss;

    /// <summary>The "Key metrics" of the servers (cluster-apis.md §4.1), from the leader's agent.</summary>
    private static IEnumerable<MetricFamily> ServerFamilies(DemoCluster cluster, DemoNode node)
    {
        var started = cluster.Started;
        var host = PromLabels.Of(("host", node.Name));
        var jobs = cluster.Jobs.Values.ToList();
        var nodes = cluster.Nodes.Count;
        MetricFamily Gauge(string name, Func<DateTimeOffset, double> value) => new(name, MetricType.Gauge, name, [new MetricSample(name, host, started, value)]);
        MetricFamily Counter(string name, double perSecond) =>
            new(name, MetricType.Counter, name, [new MetricSample(name, host, started, t => Math.Floor(perSecond * (t - started).TotalSeconds))]);

        yield return Gauge("nomad_nomad_broker_total_ready", _ => 0);
        yield return Gauge("nomad_nomad_broker_total_pending", _ => 0);
        yield return Gauge("nomad_nomad_broker_total_unacked", _ => 0);
        yield return Gauge("nomad_nomad_plan_queue_depth", _ => 0);
        yield return Gauge("nomad_nomad_heartbeat_active", _ => nodes);
        var running = jobs.Count(j => j.Status == "running");
        var pending = jobs.Count(j => j.Status == "pending");
        var dead = jobs.Count(j => j.Status == "dead");
        yield return Gauge("nomad_nomad_job_status_running", _ => running);
        yield return Gauge("nomad_nomad_job_status_pending", _ => pending);
        yield return Gauge("nomad_nomad_job_status_dead", _ => dead);
        yield return Gauge("nomad_runtime_num_goroutines", t => 180 + 20 * DemoStats.Wave("goroutines", t));
        yield return Gauge("nomad_runtime_alloc_bytes", t => 48e6 + 16e6 * DemoStats.Wave("heap", t));
        // go-metrics counters: Raft applies with every write, RPCs with every heartbeat and read; a steady rate here.
        yield return Counter("nomad_raft_apply", 0.5);
        yield return Counter("nomad_nomad_rpc_request", 2.0 * nodes);
    }
}
