using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>Every read endpoint of the client against Styx.Demo over real HTTP.</summary>
public sealed class NomadClientReadTests : IAsyncLifetime
{
    private DemoCluster _demo = null!;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _demo = await DemoCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task AgentSelfAndLeader_DemoCluster_NameRegionAndLeader()
    {
        var self = await _demo.Viewer.Api.GetAgentSelfAsync(Ct);
        Assert.Equal("global", self.Config?.Region);
        Assert.Equal("styx", self.Config?.Datacenter);
        Assert.Matches(@"^\d+\.\d+\.\d+", self.Config?.VersionText);
        Assert.Equal("alive", self.Member?.Status);
        Assert.Equal("100.64.0.1:4647", (await _demo.Viewer.Api.GetLeaderAsync(Ct)).GetString());
        Assert.Equal("mac-studio-1.global", self.Member?.Name);
    }

    [Fact]
    public async Task Nodes_DemoCluster_ThreeMacsOneServerClass()
    {
        var response = await _demo.Viewer.Api.GetNodesAsync(null, true, null, null, null, Ct);
        var nodes = response.Body();
        Assert.True(response.NomadIndex() > 0);
        Assert.Equal(3, nodes.Count);
        Assert.Single(nodes, n => n.NodeClass == "server");
        Assert.All(nodes, n => Assert.Equal("ready", n.Status));
        Assert.All(nodes, n => Assert.True(n.Drivers!["container"].Healthy));
        Assert.All(nodes, n => Assert.True(n.NodeResources?.Memory?.MemoryMB > 0));

        var detail = (await _demo.Viewer.Api.GetNodeAsync(nodes[0].ID, null, null, Ct)).Body();
        Assert.Equal(nodes[0].Name, detail.Name);
        Assert.Equal("darwin", detail.Attributes?["os.name"]);
        Assert.Equal("arm64", detail.Attributes?["cpu.arch"]);
        Assert.Contains(detail.Events!, e => e.Message == "Node registered");

        var allocations = (await _demo.Viewer.Api.GetNodeAllocationsAsync(nodes[0].ID, null, null, Ct)).Body();
        Assert.NotEmpty(allocations);
        Assert.All(allocations, a => Assert.Equal(nodes[0].ID, a.NodeID));

        var stats = await _demo.Viewer.Api.GetClientStatsAsync(nodes[0].ID, Ct);
        Assert.True(stats.Memory?.Total > 0);
        Assert.NotEmpty(stats.CPU!);
    }

    [Fact]
    public async Task Jobs_DemoCluster_PlatformAndApplicationJobs()
    {
        var jobs = (await _demo.Viewer.Api.GetJobsAsync(null, null, null, Ct)).Body();
        var ids = jobs.Select(j => j.ID).ToHashSet();
        foreach (var expected in new[] { "nats", "dragonfly", "traefik", "prometheus", "loki", "grafana", "promtail", "web", "api", "worker", "postgres" })
        {
            Assert.Contains(expected, ids);
        }

        Assert.Equal("system", jobs.Single(j => j.ID == "promtail").Type);
        Assert.All(jobs, j => Assert.Equal("running", j.Status));
        Assert.Equal(2, jobs.Single(j => j.ID == "web").JobSummary?.Summary?["web"].Running);

        var web = (await _demo.Viewer.Api.GetJobAsync("web", null, null, Ct)).Body();
        var group = Assert.Single(web.TaskGroups!);
        Assert.Equal(2, group.Count);
        Assert.Equal(1, group.Scaling?.Min);
        Assert.Equal(10, group.Scaling?.Max);
        Assert.Equal("container", group.Tasks![0].Driver);

        var allocations = (await _demo.Viewer.Api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body();
        Assert.Equal(2, allocations.Count(a => a.ClientStatus == "running"));

        var summary = (await _demo.Viewer.Api.GetJobSummaryAsync("web", null, null, Ct)).Body();
        Assert.Equal(2, summary.Summary?["web"].Running);

        var deployments = (await _demo.Viewer.Api.GetJobDeploymentsAsync("web", null, null, Ct)).Body();
        var deployment = Assert.Single(deployments);
        Assert.Equal("successful", deployment.Status);
        Assert.Equal(2, deployment.TaskGroups?["web"].HealthyAllocs);
        Assert.Equal(deployment.ID, (await _demo.Viewer.Api.GetJobLatestDeploymentAsync("web", Ct))?.ID);

        var versions = await _demo.Viewer.Api.GetJobVersionsAsync("web", null, Ct);
        Assert.True(Assert.Single(versions.Versions!).Stable);

        var scale = await _demo.Viewer.Api.GetJobScaleStatusAsync("web", Ct);
        Assert.Equal(2, scale.TaskGroups?["web"].Desired);
        Assert.Equal(2, scale.TaskGroups?["web"].Healthy);

        var services = await _demo.Viewer.Api.GetJobServicesAsync("web", Ct);
        Assert.Equal(2, services.Count);
        Assert.All(services, s => Assert.True(s.Port >= 20000));
    }

    [Fact]
    public async Task Allocations_DemoCluster_DetailStatsAndPlacement()
    {
        var allocations = (await _demo.Viewer.Api.GetAllocationsAsync(null, true, null, null, Ct)).Body();
        // 7 platform jobs (promtail on each of 3 nodes) + web 2, api 2, worker 1, postgres 1.
        Assert.Equal(15, allocations.Count(a => a.ClientStatus == "running"));
        var prometheus = allocations.Single(a => a.JobID == "prometheus");
        var server = (await _demo.Viewer.Api.GetNodesAsync(null, null, null, null, null, Ct)).Body().Single(n => n.NodeClass == "server");
        Assert.Equal(server.ID, prometheus.NodeID);

        var web = allocations.First(a => a.JobID == "web");
        var detail = (await _demo.Viewer.Api.GetAllocationAsync(web.ID, null, null, Ct)).Body();
        Assert.Equal("web", detail.Job?.ID);
        Assert.Equal("running", detail.TaskStates?["web"].State);
        Assert.Contains(detail.TaskStates!["web"].Events!, e => e.Type == "Started");
        Assert.True(detail.DeploymentStatus?.Healthy);
        Assert.Equal(500, detail.TaskResources?["web"].CPU);

        var byPrefix = (await _demo.Viewer.Api.GetAllocationAsync(web.ID[..8], null, null, Ct)).Body();
        Assert.Equal(web.ID, byPrefix.ID);

        var stats = await _demo.Viewer.Api.GetAllocationStatsAsync(web.ID, Ct);
        Assert.True(stats.ResourceUsage?.MemoryStats?.RSS > 0);
        Assert.True(stats.Tasks?.ContainsKey("web"));
    }

    [Fact]
    public async Task ServicesDeploymentsAndToken_DemoCluster_ReadBack()
    {
        var services = (await _demo.Viewer.Api.GetServicesAsync(null, null, Ct)).Body();
        var names = Assert.Single(services).Services!.Select(s => s.ServiceName).ToList();
        Assert.Contains("web", names);
        Assert.Contains("nats", names);
        Assert.Contains("worker", names);
        // The client's namespace only: mailer runs in staging.
        Assert.DoesNotContain("mailer", names);

        var nats = (await _demo.Viewer.Api.GetServiceAsync("nats", null, null, Ct)).Body();
        Assert.Equal(4222, Assert.Single(nats).Port);
        Assert.Empty((await _demo.Viewer.Api.GetServiceAsync("no-such-service", null, null, Ct)).Body());

        var deployments = (await _demo.Viewer.Api.GetDeploymentsAsync(null, null, Ct)).Body();
        Assert.Contains(deployments, d => d.JobID == "api");

        var token = await _demo.Viewer.Api.GetSelfTokenAsync(Ct);
        Assert.Equal("styx-viewer", token.Name);
        Assert.Equal(_demo.Server.Acl.Viewer.AccessorId, token.AccessorID);
    }

    [Fact]
    public async Task NotFound_UnknownJobNodeAllocation_TypedErrorWithNomadText()
    {
        var job = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetJobAsync("nope", null, null, Ct)).Body());
        Assert.Equal("job not found", job.NomadMessage);
        var node = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetNodeAsync("ffffffff", null, null, Ct)).Body());
        Assert.Equal("node not found", node.NomadMessage);
        var allocation = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetAllocationAsync("ffffffff", null, null, Ct)).Body());
        Assert.Equal("alloc not found", allocation.NomadMessage);
        var versions = await Assert.ThrowsAsync<NomadNotFoundException>(() => _demo.Viewer.Api.GetJobVersionsAsync("nope", null, Ct));
        Assert.Equal("job versions not found", versions.NomadMessage);
    }

    [Fact]
    public async Task Forbidden_UnknownTokenAndNoToken_TypedErrorWithNomadText()
    {
        using var stranger = _demo.Client("00000000-0000-0000-0000-000000000000");
        var unknown = await Assert.ThrowsAsync<NomadPermissionDeniedException>(async () => (await stranger.Api.GetJobsAsync(null, null, null, Ct)).Body());
        Assert.Equal("ACL token not found", unknown.NomadMessage);

        using var anonymous = _demo.Client(null);
        var denied = await Assert.ThrowsAsync<NomadPermissionDeniedException>(async () => (await anonymous.Api.GetJobsAsync(null, null, null, Ct)).Body());
        Assert.Equal("Permission denied", denied.NomadMessage);
    }
}
