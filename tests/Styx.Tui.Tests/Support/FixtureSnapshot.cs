using System.Collections.Immutable;
using System.Text.Json;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Tests.Support;

/// <summary>
/// A cluster snapshot made from the official Nomad API samples (TestData/nomad, linked from Styx.Cluster.Tests) plus
/// variations of them that exercise the words and counts screens and exec must agree on: a job told to stop that is
/// still running, one that has stopped, one with lost allocations, a system job, a draining node, an unhealthy
/// allocation. No server, no session.
/// </summary>
internal static class FixtureSnapshot
{
    public static ClusterSnapshot Create()
    {
        var job = Read<List<JobListStub>>("jobs-list.json")[0];
        var node = Read<List<NodeListStub>>("nodes-list.json")[0];
        var allocation = Read<List<AllocationListStub>>("allocations-list.json")[0];
        var definition = Read<Job>("job-read.json");
        var summary = job.JobSummary!.Summary!.Values.First();
        JobListStub Variant(string id, string status, bool stop, TaskGroupSummary groups, string type = "service") => job with
        {
            ID = id, Name = id, Status = status, Stop = stop, Type = type,
            JobSummary = job.JobSummary with { JobID = id, Summary = ImmutableDictionary<string, TaskGroupSummary>.Empty.Add("cache", groups) },
        };

        JobListStub[] jobs =
        [
            job,
            Variant("stopping", "running", stop: true, summary with { Running = 2 }),
            Variant("stopped", "dead", stop: true, summary with { Running = 0, Complete = 3 }),
            Variant("lossy", "running", stop: false, summary with { Running = 1, Failed = 2, Lost = 3, Queued = 1, Starting = 1 }),
            Variant("agents", "running", stop: false, summary with { Running = 2 }, type: "system"),
        ];
        NodeListStub[] nodes =
        [
            node,
            node with { ID = "0000aaaa-0000-0000-0000-000000000002", Name = "mac-mini-2", Drain = true, SchedulingEligibility = "ineligible", NodeClass = "" },
        ];
        AllocationListStub[] allocations =
        [
            allocation,
            allocation with { ID = "0000bbbb-0000-0000-0000-000000000002", Name = "lossy.cache[0]", JobID = "lossy", ClientStatus = "running", NodeID = nodes[1].ID, NodeName = nodes[1].Name, DeploymentStatus = null },
            allocation with { ID = "0000bbbb-0000-0000-0000-000000000003", Name = "lossy.cache[1]", JobID = "lossy", ClientStatus = "lost", DesiredStatus = "stop", NodeID = nodes[1].ID, NodeName = nodes[1].Name },
            allocation with { ID = "0000bbbb-0000-0000-0000-000000000004", Name = "agents.cache[0]", JobID = "agents", ClientStatus = "pending", NodeID = nodes[0].ID, NodeName = nodes[0].Name },
        ];
        var definitions = ImmutableDictionary<string, Job>.Empty
            .Add(definition.ID, definition)
            .Add("lossy", definition with { ID = "lossy", Name = "lossy", Type = "service" })
            .Add("agents", definition with { ID = "agents", Name = "agents", Type = "system" })
            .Add("stopping", definition with { ID = "stopping", Name = "stopping" });
        return new ClusterSnapshot
        {
            Version = 1,
            Jobs = [.. jobs],
            Nodes = [.. nodes],
            Allocations = [.. allocations],
            Deployments = [.. Read<List<Deployment>>("deployments-list.json")],
            JobDefinitions = ImmutableDictionary<string, ImmutableDictionary<string, Job>>.Empty.Add("default", definitions),
            Namespaces = [new Namespace { Name = "default" }],
            Leader = "10.0.0.1:4647",
            Loaded = ClusterLists.All,
            Connection = new ConnectionStatus(true, DateTimeOffset.UnixEpoch, null, null),
        };
    }

    private static T Read<T>(string name) =>
        JsonSerializer.Deserialize<T>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "nomad", name)), NomadJson.Options)!;
}
