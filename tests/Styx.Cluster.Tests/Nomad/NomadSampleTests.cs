using System.Text;
using System.Text.Json;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// One test per published Nomad sample the design uses: each deserializes into the client's type and the fields Styx
/// reads come through with the sample's values.
/// </summary>
public sealed class NomadSampleTests
{
    [Fact]
    public void AclTokenSelf_Deserializes_WithoutKeepingTheSecret()
    {
        var token = NomadSamples.Read<AclToken>("acl-token-self.json");
        Assert.Equal("aa534e09-6a07-0a45-2295-a7f77063d429", token.AccessorID);
        Assert.Equal("Read-write token", token.Name);
        Assert.Equal("client", token.Type);
        Assert.Equal(["readwrite"], token.Policies);
        Assert.Equal(new DateTimeOffset(2017, 8, 23, 23, 25, 41, TimeSpan.Zero).AddTicks(4291542), token.CreateTime);
        Assert.Null(token.ExpirationTime);
        Assert.DoesNotContain("8176afd3", JsonSerializer.Serialize(token, NomadJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void AgentSelf_Deserializes_RegionDatacenterAndMember()
    {
        var self = NomadSamples.Read<AgentSelf>("agent-self.json");
        using var raw = JsonDocument.Parse(NomadSamples.Text("agent-self.json"));
        var config = raw.RootElement.GetProperty("config");
        Assert.Equal(config.GetProperty("Region").GetString(), self.Config?.Region);
        Assert.Equal(config.GetProperty("Datacenter").GetString(), self.Config?.Datacenter);
        Assert.Equal("0.5.5", self.Config?.VersionText);
        var member = raw.RootElement.GetProperty("member");
        Assert.Equal(member.GetProperty("Name").GetString(), self.Member?.Name);
        Assert.Equal(member.GetProperty("Status").GetString(), self.Member?.Status);
        Assert.NotNull(self.Stats?.Nomad);
        Assert.Equal(raw.RootElement.GetProperty("stats").GetProperty("nomad").GetProperty("leader").GetString(), self.Stats.Nomad["leader"]);
    }

    [Fact]
    public void StatusLeader_Deserializes_AsRpcAddress()
    {
        Assert.Equal("127.0.0.1:4647", NomadSamples.Read<string>("status-leader.json"));
    }

    [Fact]
    public void NodesList_Deserializes_StatusEligibilityAndDrivers()
    {
        var nodes = NomadSamples.Read<List<NodeListStub>>("nodes-list.json");
        var node = nodes[0];
        Assert.Equal("f7476465-4d6e-c0de-26d0-e383c49be941", node.ID);
        Assert.Equal("nomad-4", node.Name);
        Assert.Equal("ready", node.Status);
        Assert.Equal("eligible", node.SchedulingEligibility);
        Assert.False(node.Drain);
        Assert.Equal("10.138.0.5", node.Address);
        Assert.Equal("dc1", node.Datacenter);
        Assert.Equal("0.8.0-rc1", node.Version);
        Assert.NotNull(node.Drivers);
        Assert.True(node.Drivers["docker"].Healthy);
        Assert.Equal(6, node.Drivers.Count);
    }

    [Fact]
    public void NodeRead_Deserializes_ResourcesEventsDrainAndAttributes()
    {
        var node = NomadSamples.Read<Node>("node-read.json");
        Assert.Equal("1ac61e33-a465-2ace-f63f-cffa1285e7eb", node.ID);
        Assert.Equal("mew", node.Name);
        Assert.Equal("127.0.0.1:4646", node.HTTPAddr);
        Assert.Equal(32000, node.NodeResources?.Cpu?.CpuShares);
        Assert.Equal(15803, node.NodeResources?.Memory?.MemoryMB);
        Assert.Equal(7890, node.NodeResources?.Disk?.DiskMB);
        Assert.Equal(0, node.ReservedResources?.Memory?.MemoryMB);
        Assert.Equal("127.0.0.1", node.Attributes?["unique.network.ip-address"]);
        Assert.NotNull(node.Events);
        Assert.Equal(3, node.Events.Count);
        Assert.Equal("Node registered", node.Events[0].Message);
        Assert.Equal(new DateTimeOffset(2021, 3, 31, 12, 11, 39, TimeSpan.Zero), node.Events[0].Timestamp);
        Assert.Equal("complete", node.LastDrain?.Status);
        Assert.Equal("node maintenance", node.LastDrain?.Meta?["message"]);
        Assert.Null(node.DrainStrategy);
        Assert.Equal(6, node.Drivers?.Count);
    }

    [Fact]
    public void NodeAllocations_Deserializes_FullAllocations()
    {
        var allocations = NomadSamples.Read<List<Allocation>>("node-allocations.json");
        var allocation = Assert.Single(allocations);
        Assert.Equal("fefe81d0-08b2-4eca-fae6-6560cde46d31", allocation.ID);
        Assert.Equal("webapp.webapp[0]", allocation.Name);
        Assert.Equal("webapp", allocation.JobID);
        Assert.Equal("running", allocation.ClientStatus);
        Assert.Equal(1523490066575461000, allocation.CreateTime);
        Assert.True(allocation.DeploymentStatus?.Healthy);
        Assert.NotNull(allocation.TaskStates?["webapp"]);
    }

    [Fact]
    public void NodeDrainRequest_Deserializes_DeadlineAndMeta()
    {
        var request = NomadSamples.Read<NodeDrainRequest>("node-drain.request.json");
        Assert.Equal(3_600_000_000_000, request.DrainSpec?.Deadline);
        Assert.True(request.DrainSpec?.IgnoreSystemJobs);
        Assert.Equal("drain for maintenance", request.Meta?["message"]);
    }

    [Fact]
    public void NodeDrainResponse_Deserializes_NodeModifyIndex()
    {
        var response = NomadSamples.Read<NodeUpdateResponse>("node-drain.response.json");
        Assert.Equal(3742UL, response.NodeModifyIndex);
        Assert.Equal(3742UL, response.Index);
        Assert.Null(response.EvalIDs);
    }

    [Fact]
    public void NodeEligibilityRequest_Deserializes_Eligibility()
    {
        Assert.Equal("ineligible", NomadSamples.Read<NodeEligibilityRequest>("node-eligibility.request.json").Eligibility);
    }

    [Fact]
    public void NodeEligibilityResponse_Deserializes_NodeModifyIndex()
    {
        Assert.Equal(3742UL, NomadSamples.Read<NodeUpdateResponse>("node-eligibility.response.json").NodeModifyIndex);
    }

    [Fact]
    public void JobsList_Deserializes_StatusAndSummary()
    {
        var job = NomadSamples.Read<List<JobListStub>>("jobs-list.json")[0];
        Assert.Equal("example", job.ID);
        Assert.Equal("service", job.Type);
        Assert.Equal("pending", job.Status);
        Assert.Equal(50, job.Priority);
        Assert.Equal(1, job.JobSummary?.Summary?["cache"].Queued);
        Assert.Equal(1, job.JobSummary?.Summary?["cache"].Complete);
    }

    [Fact]
    public void JobRead_Deserializes_GroupsTasksResourcesAndKeepsTheRest()
    {
        var job = NomadSamples.Read<Job>("job-read.json");
        Assert.Equal("example", job.ID);
        Assert.Equal("batch", job.Type);
        Assert.Equal("running", job.Status);
        Assert.Equal(["dc1"], job.Datacenters);
        Assert.Equal("bar", job.Meta?["foo"]);
        var group = Assert.Single(job.TaskGroups!);
        Assert.Equal("cache", group.Name);
        Assert.Equal(1, group.Count);
        Assert.Null(group.Scaling);
        Assert.Equal(["init", "redis"], group.Tasks!.Select(t => t.Name));
        Assert.Equal(500, group.Tasks![1].Resources?.CPU);
        Assert.Equal(256, group.Tasks![1].Resources?.MemoryMB);
        Assert.Equal("docker", group.Tasks![1].Driver);

        // Fields Styx does not model survive a round trip: re-registering a job must not drop its definition.
        using var original = JsonDocument.Parse(NomadSamples.Text("job-read.json"));
        using var roundTrip = JsonDocument.Parse(JsonSerializer.Serialize(job, NomadJson.Options));
        foreach (var property in original.RootElement.EnumerateObject())
        {
            Assert.True(roundTrip.RootElement.TryGetProperty(property.Name, out _), $"round trip lost {property.Name}");
        }
    }

    [Fact]
    public void AllocationsList_Deserializes_DeploymentHealth()
    {
        var allocation = Assert.Single(NomadSamples.Read<List<AllocationListStub>>("allocations-list.json"));
        Assert.Equal("5457f16d-0f87-8e6b-5e91-0c7da3a41eb7", allocation.ID);
        Assert.Equal("linux", allocation.NodeName);
        Assert.Equal("cache", allocation.TaskGroup);
        Assert.Equal("running", allocation.ClientStatus);
        Assert.True(allocation.DeploymentStatus?.Healthy);
        Assert.Equal(new DateTimeOffset(2021, 11, 4, 10, 14, 22, TimeSpan.FromHours(1)).AddTicks(548140), allocation.DeploymentStatus?.Timestamp);
        Assert.True(allocation.TaskStates?.ContainsKey("redis"));
    }

    [Fact]
    public void JobSummary_Deserializes_GroupCountsAndChildren()
    {
        var summary = NomadSamples.Read<JobSummary>("job-summary.json");
        Assert.Equal("example", summary.JobID);
        Assert.Equal(1, summary.Summary?["cache"].Running);
        Assert.Equal(0, summary.Children?.Dead);
        Assert.Equal(13UL, summary.ModifyIndex);
    }

    [Fact]
    public void JobDeployments_Deserializes_GroupStates()
    {
        var deployments = NomadSamples.Read<List<Deployment>>("job-deployments.json");
        Assert.Equal(2, deployments.Count);
        Assert.Equal("my-job", deployments[0].JobID);
        Assert.Equal("running", deployments[0].Status);
        Assert.True(deployments[0].TaskGroups?.ContainsKey("cache"));
    }

    [Fact]
    public void JobDeploymentLatest_Deserializes_CanariesAndHealth()
    {
        var deployment = NomadSamples.Read<Deployment>("job-deployment-latest.json");
        Assert.Equal("85ee4a9a-339f-a921-a9ef-0550d20b2c61", deployment.ID);
        Assert.Equal("Deployment is running", deployment.StatusDescription);
        var cache = deployment.TaskGroups!["cache"];
        Assert.True(cache.AutoRevert);
        Assert.Equal(2, cache.DesiredCanaries);
        Assert.Equal(3, cache.DesiredTotal);
        Assert.Equal(2, cache.HealthyAllocs);
    }

    [Fact]
    public void JobVersions_Deserializes_VersionsWithStability()
    {
        var versions = NomadSamples.Read<JobVersionsResponse>("job-versions.json");
        var version = Assert.Single(versions.Versions!);
        Assert.Equal("example", version.ID);
        Assert.Equal(0UL, version.Version);
        Assert.True(version.Stable);
        Assert.Equal(1608304897537638400, version.SubmitTime);
    }

    [Fact]
    public void JobScaleStatus_Deserializes_GroupCounts()
    {
        var status = NomadSamples.Read<JobScaleStatus>("job-scale-status.json");
        Assert.Equal("example", status.JobID);
        Assert.False(status.JobStopped);
        var cache = status.TaskGroups!["cache"];
        Assert.Equal(1, cache.Desired);
        Assert.Equal(1, cache.Healthy);
        Assert.Equal(0, cache.Running);
    }

    [Fact]
    public void JobScaleRequest_Deserializes_CountTargetAndStructuredMeta()
    {
        var request = NomadSamples.Read<ScalingRequest>("job-scale.request.json");
        Assert.Equal(5, request.Count);
        Assert.Equal("cache", request.Target.Group);
        Assert.Equal("metric did not satisfy SLA", request.Message);
        Assert.Equal(JsonValueKind.Array, request.Meta?["metrics"].ValueKind);
    }

    [Fact]
    public void JobScaleResponse_Deserializes_Evaluation()
    {
        var response = NomadSamples.Read<JobRegisterResponse>("job-scale.response.json");
        Assert.Equal("116f3ede-f6a5-f6e7-2d0e-1fda136390f0", response.EvalID);
        Assert.Equal(44UL, response.JobModifyIndex);
        Assert.Equal(45UL, response.EvalCreateIndex);
    }

    [Fact]
    public void JobServices_Deserializes_Registrations()
    {
        var service = NomadSamples.Read<List<ServiceRegistration>>("job-services.json")[0];
        Assert.Equal("example-cache-redis", service.ServiceName);
        Assert.Equal("177160af-26f6-619f-9c9f-5e46d1104395", service.AllocID);
        Assert.Equal("127.0.0.1", service.Address);
        Assert.Equal(29702, service.Port);
        Assert.Equal(["db", "cache"], service.Tags);
    }

    [Fact]
    public void JobsRegisterRequest_Deserializes_JobAndStopFlag()
    {
        var request = NomadSamples.Read<JobRegisterRequest>("jobs-register.request.json");
        using var raw = JsonDocument.Parse(NomadSamples.Text("jobs-register.request.json"));
        var job = raw.RootElement.GetProperty("Job");
        Assert.Equal(job.GetProperty("ID").GetString(), request.Job.ID);
        Assert.Equal(job.GetProperty("TaskGroups").GetArrayLength(), request.Job.TaskGroups?.Count);
    }

    [Fact]
    public void JobsRegisterResponse_Deserializes_JobModifyIndex()
    {
        var response = NomadSamples.Read<JobRegisterResponse>("jobs-register.response.json");
        Assert.Equal(109UL, response.JobModifyIndex);
        Assert.Equal("", response.EvalID);
    }

    [Fact]
    public void JobDeleteResponse_Deserializes_Evaluation()
    {
        var response = NomadSamples.Read<JobRegisterResponse>("job-delete.response.json");
        Assert.Equal("d092fdc0-e1fd-2536-67d8-43af8ca798ac", response.EvalID);
        Assert.Equal(34UL, response.JobModifyIndex);
    }

    [Fact]
    public void JobRevertRequest_Deserializes_Version()
    {
        var request = NomadSamples.Read<JobRevertRequest>("job-revert.request.json");
        Assert.Equal("my-job", request.JobID);
        Assert.Equal(2UL, request.JobVersion);
        Assert.Null(request.EnforcePriorVersion);
    }

    [Fact]
    public void JobRevertRequestEnforce_Deserializes_TaggedVersion()
    {
        var request = NomadSamples.Read<JobRevertRequest>("job-revert.request-enforce.json");
        Assert.Equal("my-job", request.JobID);
        Assert.Equal("golden-version", request.TaggedVersion);
    }

    [Fact]
    public void JobRevertResponse_Deserializes_Evaluation()
    {
        Assert.Equal(35UL, NomadSamples.Read<JobRegisterResponse>("job-revert.response.json").EvalCreateIndex);
    }

    [Fact]
    public void JobAllocations_Deserializes_PlacementAndStatus()
    {
        var allocation = Assert.Single(NomadSamples.Read<List<AllocationListStub>>("job-allocations.json"));
        Assert.Equal("ed344e0a-7290-d117-41d3-a64f853ca3c2", allocation.ID);
        Assert.Equal("cb1f6030-a220-4f92-57dc-7baaabdc3823", allocation.NodeID);
        Assert.Equal("run", allocation.DesiredStatus);
        Assert.Equal("running", allocation.ClientStatus);
        Assert.Equal(1495755675944527600, allocation.CreateTime);
    }

    [Fact]
    public void AllocationRead_Deserializes_TaskStatesAndEvents()
    {
        var allocation = NomadSamples.Read<Allocation>("allocation-read.json");
        Assert.Equal("a8198d79-cfdb-6593-a999-1e9adabcba2e", allocation.ID);
        Assert.Equal("example.cache[0]", allocation.Name);
        Assert.Equal("example", allocation.Job?.ID);
        var redis = allocation.TaskStates!["redis"];
        Assert.Equal("running", redis.State);
        Assert.Equal(3, redis.Events?.Count);
        Assert.Equal("Received", redis.Events?[0].Type);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 23, 36, 26, TimeSpan.Zero).AddTicks(1064312), redis.StartedAt);
        Assert.Null(redis.FinishedAt);
        Assert.NotNull(allocation.Metrics);
    }

    [Fact]
    public void AllocationStopResponse_Deserializes_Evaluation()
    {
        var response = NomadSamples.Read<AllocStopResponse>("allocation-stop.response.json");
        Assert.Equal("5456bd7a-9fc0-c0dd-6131-cbee77f57577", response.EvalID);
        Assert.Equal(54UL, response.Index);
    }

    [Fact]
    public void ClientAllocationRestartRequest_Deserializes_TaskName()
    {
        var request = NomadSamples.Read<AllocRestartRequest>("client-allocation-restart.request.json");
        Assert.Equal("FOO", request.TaskName);
        Assert.False(request.AllTasks);
    }

    [Fact]
    public void ClientAllocationRestartResponse_IsAnEmptyObject()
    {
        using var raw = JsonDocument.Parse(NomadSamples.Text("client-allocation-restart.response.json"));
        Assert.Empty(raw.RootElement.EnumerateObject());
    }

    [Fact]
    public void ClientAllocationStats_Deserializes_CpuAndMemory()
    {
        var stats = NomadSamples.Read<AllocResourceUsage>("client-allocation-stats.json");
        Assert.Equal(0.14159538847117795, stats.ResourceUsage?.CpuStats?.Percent);
        Assert.Equal(1486848UL, stats.ResourceUsage?.MemoryStats?.RSS);
        Assert.Equal(4710400UL, stats.ResourceUsage?.MemoryStats?.MaxUsage);
        Assert.Equal(1495743243970720000, stats.Timestamp);
        Assert.True(stats.Tasks?.ContainsKey("redis"));
    }

    [Fact]
    public void ClientStats_Deserializes_HostCpuMemoryAndDisk()
    {
        var stats = NomadSamples.Read<HostStats>("client-stats.json");
        Assert.Equal(17179869184UL, stats.Memory?.Total);
        Assert.Equal(6232244224UL, stats.Memory?.Available);
        Assert.Equal(8, stats.CPU?.Count);
        Assert.Equal("cpu0", stats.CPU?[0].CPU);
        Assert.Equal(80, stats.CPU?[0].Idle);
        Assert.Equal(42.668233241448746, stats.AllocDirStats?.UsedPercent);
        Assert.Equal(193520UL, stats.Uptime);
    }

    [Fact]
    public void ClientFsLogsFrames_Read_DataAndFileEvent()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(NomadSamples.Text("client-fs-logs.frames.txt")));
        var frames = StreamFrameReader.ReadAsync(stream, CancellationToken.None).ToBlockingEnumerable().ToList();
        Assert.Equal(2, frames.Count);
        Assert.Equal(3604480, frames[0].Offset);
        Assert.Equal("531932\n531933\n531934\n", Encoding.UTF8.GetString(frames[0].Data!));
        Assert.Equal("file deleted", frames[1].FileEvent);
    }

    [Fact]
    public void DeploymentsList_Deserializes_Status()
    {
        var deployment = Assert.Single(NomadSamples.Read<List<Deployment>>("deployments-list.json"));
        Assert.Equal("70638f62-5c19-193e-30d6-f9d6e689ab8e", deployment.ID);
        Assert.Equal("example", deployment.JobID);
        Assert.Equal("running", deployment.Status);
    }

    [Fact]
    public void DeploymentRead_Deserializes_GroupProgress()
    {
        var deployment = NomadSamples.Read<Deployment>("deployment-read.json");
        Assert.Equal(1UL, deployment.JobVersion);
        var cache = deployment.TaskGroups!["cache"];
        Assert.Equal(3, cache.DesiredTotal);
        Assert.Equal(1, cache.PlacedAllocs);
        Assert.Equal(1, cache.DesiredCanaries);
    }

    [Fact]
    public void EventStream_Deserializes_IndexAndPayload()
    {
        var frame = NomadSamples.Read<NomadEventsFrame>("event-stream.json");
        Assert.Equal(7UL, frame.Index);
        Assert.False(frame.IsHeartbeat);
        var nodeEvent = Assert.Single(frame.Events!);
        Assert.Equal("Node", nodeEvent.Topic);
        Assert.Equal("NodeRegistration", nodeEvent.Type);
        Assert.Equal("ccc4ce56-7f0a-4124-b8b1-a4015aa82c40", nodeEvent.Key);
        var node = nodeEvent.Payload!.Value.GetProperty("Node").Deserialize<Node>(NomadJson.Options);
        Assert.Equal("nomad-4", node?.Name);
    }

    [Fact]
    public void ServicesList_Deserializes_NamesAndTags()
    {
        var list = Assert.Single(NomadSamples.Read<List<ServiceRegistrationListStub>>("services-list.json"));
        Assert.Equal("default", list.Namespace);
        var service = Assert.Single(list.Services!);
        Assert.Equal("example-cache-redis", service.ServiceName);
        Assert.Equal(["cache", "db"], service.Tags);
    }

    [Fact]
    public void AllocationChecks_Deserializes_ResultsByCheckId()
    {
        var checks = NomadSamples.Read<Dictionary<string, AllocCheckStatus>>("allocation-checks.json");
        var (id, check) = Assert.Single(checks);
        Assert.Equal("a1ed96606694742bf201a640a607e306", id);
        Assert.Equal(id, check.ID);
        Assert.Equal("redis_probe", check.Check);
        Assert.Equal("example.cache[0]", check.Group);
        Assert.Equal("healthiness", check.Mode);
        Assert.Equal("nomad: tcp ok", check.Output);
        Assert.Equal("redis", check.Service);
        Assert.Equal(AllocCheckStatus.Success, check.Status);
        Assert.Null(check.Task);
        Assert.Equal(0, check.StatusCode);
        Assert.Equal(1690442203, check.Timestamp);
    }

    [Fact]
    public void AllocationServices_Deserializes_Registrations()
    {
        var service = Assert.Single(NomadSamples.Read<List<ServiceRegistration>>("allocation-services.json"));
        Assert.Equal("_nomad-task-177160af-26f6-619f-9c9f-5e46d1104395-redis-example-cache-redis-db", service.ID);
        Assert.Equal("177160af-26f6-619f-9c9f-5e46d1104395", service.AllocID);
        Assert.Equal("example-cache-redis", service.ServiceName);
        Assert.Equal("default", service.Namespace);
        Assert.Equal("127.0.0.1", service.Address);
        Assert.Equal(29702, service.Port);
        Assert.Equal(["db", "cache"], service.Tags);
    }

    [Fact]
    public void NamespacesList_Deserializes_NamesDescriptionsAndMeta()
    {
        var namespaces = NomadSamples.Read<List<Namespace>>("namespaces-list.json");
        Assert.Equal(["default", "staging"], namespaces.Select(n => n.Name));
        Assert.Equal("Default shared namespace", namespaces[0].Description);
        Assert.Null(namespaces[0].Meta);
        Assert.Null(namespaces[0].Capabilities);
        Assert.Equal("helpdesk@example.com", namespaces[1].Meta?["contact"]);
        Assert.Equal(17UL, namespaces[1].CreateIndex);
    }

    [Fact]
    public void NamespaceRead_Deserializes_OneNamespace()
    {
        var staging = NomadSamples.Read<Namespace>("namespace-read.json");
        Assert.Equal("staging", staging.Name);
        Assert.Equal("Development Staging Namespace", staging.Description);
        Assert.Equal("", staging.Quota);
        Assert.Equal("dev", staging.Meta?["type"]);
        Assert.Equal(17UL, staging.ModifyIndex);
    }

    [Fact]
    public void ServiceRead_Deserializes_Registrations()
    {
        var services = NomadSamples.Read<List<ServiceRegistration>>("service-read.json");
        Assert.Equal(2, services.Count);
        var service = services[0];
        Assert.Equal("7406e90b-de16-d118-80fe-60d0f2730cb3", service.NodeID);
        Assert.Equal(29702, service.Port);
    }
}
