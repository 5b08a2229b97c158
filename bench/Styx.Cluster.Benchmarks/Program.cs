using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

// Measures ClusterSnapshot.InNamespace on a snapshot of 1,000 nodes, 5,000 jobs and 20,000 allocations: spread over
// four namespaces (the view copies a quarter of each list), and all in one (the view copies nothing). Prints the
// median, p99 and bytes allocated per call. Run: dotnet run -c Release --project bench/Styx.Cluster.Benchmarks [-- ITERATIONS]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
string[] spread = ["default", "staging", "team-a", "team-b"];

Measure("4 namespaces, view of one", Snapshot(spread), "staging", iterations);
Measure("1 namespace, view of it", Snapshot(["default"]), "default", iterations);

static void Measure(string name, ClusterSnapshot snapshot, string @namespace, int iterations)
{
    for (var i = 0; i < 50; i++)
    {
        _ = snapshot.InNamespace(@namespace);
    }

    var times = new double[iterations];
    long allocated = 0;
    ClusterSnapshot view = snapshot;
    for (var i = 0; i < iterations; i++)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var started = Stopwatch.GetTimestamp();
        view = snapshot.InNamespace(@namespace);
        times[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        allocated += GC.GetAllocatedBytesForCurrentThread() - before;
    }

    Array.Sort(times);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}: {view.Allocations.Length} of {snapshot.Allocations.Length} allocations, {view.Jobs.Length} of {snapshot.Jobs.Length} jobs; " +
        $"median {times[iterations / 2]:F0} µs, p99 {times[iterations * 99 / 100]:F0} µs, {allocated / iterations / 1024.0:F0} KiB per call"));
}

static ClusterSnapshot Snapshot(string[] namespaces)
{
    var random = new Random(7);
    var nodes = Enumerable.Range(0, 1000).Select(i => new NodeListStub { ID = Guid.NewGuid().ToString(), Name = $"mac-{i}", Status = "ready" }).ToImmutableArray();
    var jobs = Enumerable.Range(0, 5000).Select(i => new JobListStub
    {
        ID = $"app-{i:D4}", Name = $"app-{i:D4}", Namespace = namespaces[i % namespaces.Length], Type = "service", Status = "running",
    }).ToImmutableArray();
    var allocations = Enumerable.Range(0, 20000).Select(i =>
    {
        var job = jobs[i % jobs.Length];
        var node = nodes[random.Next(nodes.Length)];
        return new AllocationListStub
        {
            ID = Guid.NewGuid().ToString(), Name = $"{job.ID}.app[{i / jobs.Length}]", Namespace = job.Namespace, JobID = job.ID,
            NodeID = node.ID, NodeName = node.Name, TaskGroup = "app", DesiredStatus = "run", ClientStatus = "running",
        };
    }).ToImmutableArray();
    var deployments = jobs.Select(j => new Deployment { ID = Guid.NewGuid().ToString(), Namespace = j.Namespace, JobID = j.ID, Status = "successful" }).ToImmutableArray();
    var definitions = jobs.GroupBy(j => j.Namespace).ToImmutableDictionary(
        g => g.Key, g => g.ToImmutableDictionary(j => j.ID, j => new Job { ID = j.ID, Namespace = j.Namespace, Name = j.Name }));
    var serviceLists = namespaces.Select(ns => new ServiceRegistrationListStub
    {
        Namespace = ns,
        Services = jobs.Where(j => j.Namespace == ns).Select(j => new ServiceRegistrationStub { ServiceName = j.ID, Tags = ["prometheus.scrape=true"] }).ToList(),
    }).ToImmutableArray();
    return new ClusterSnapshot
    {
        Namespaces = [.. namespaces.Select(n => new Namespace { Name = n })],
        Nodes = nodes,
        Jobs = jobs,
        Allocations = allocations,
        Deployments = deployments,
        ServiceLists = serviceLists,
        Services = [.. serviceLists.SelectMany(l => l.Services!)],
        JobDefinitions = definitions,
        Loaded = ClusterLists.All,
    };
}
