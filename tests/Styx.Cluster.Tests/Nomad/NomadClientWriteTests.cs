using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>Every write endpoint of the client against Styx.Demo: the state changes as Nomad's would.</summary>
public sealed class NomadClientWriteTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private DemoCluster _demo = null!;
    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _demo = await DemoCluster.StartAsync();

    public async Task DisposeAsync()
    {
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Scale_WebTwoToThree_ThirdAllocationBecomesRunning()
    {
        var response = await _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" }, Message = "test" }, Ct);
        Assert.False(string.IsNullOrEmpty(response.EvalID));

        await _demo.WaitUntilAsync(async ct =>
            (await _demo.Viewer.Api.GetJobAllocationsAsync("web", null, null, null, ct)).Body().Count(a => a.ClientStatus == "running") == 3);
        var job = (await _demo.Viewer.Api.GetJobAsync("web", null, null, Ct)).Body();
        Assert.Equal(3, job.TaskGroups![0].Count);
        Assert.Equal(1UL, job.Version);
        await _demo.WaitUntilAsync(async ct => (await _demo.Viewer.Api.GetJobLatestDeploymentAsync("web", ct))?.Status == "successful");
    }

    [Fact]
    public async Task Scale_OutsideBoundsNegativeOrUnknownGroup_BadRequestWithNomadText()
    {
        var above = await Assert.ThrowsAsync<NomadBadRequestException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 11, Target = new ScalingTarget { Group = "web" } }, Ct));
        Assert.Equal("group count was greater than scaling policy maximum: 11 > 10", above.NomadMessage);
        var below = await Assert.ThrowsAsync<NomadBadRequestException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 0, Target = new ScalingTarget { Group = "web" } }, Ct));
        Assert.Equal("group count was less than scaling policy minimum: 0 < 1", below.NomadMessage);
        var negative = await Assert.ThrowsAsync<NomadBadRequestException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("worker", new ScalingRequest { Count = -1, Target = new ScalingTarget { Group = "worker" } }, Ct));
        Assert.Equal("scaling action count can't be negative", negative.NomadMessage);
        var group = await Assert.ThrowsAsync<NomadBadRequestException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 2, Target = new ScalingTarget { Group = "nope" } }, Ct));
        Assert.Contains("does not exist", group.NomadMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NomadNotFoundException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("nope", new ScalingRequest { Count = 2, Target = new ScalingTarget { Group = "web" } }, Ct));
        Assert.Equal(0UL, (await _demo.Viewer.Api.GetJobAsync("web", null, null, Ct)).Body().Version);
    }

    [Fact]
    public async Task ViewerToken_EveryWrite_PermissionDenied()
    {
        var api = _demo.Viewer.Api;
        var node = (await api.GetNodesAsync(null, null, null, null, null, Ct)).Body()[0].ID;
        var allocation = (await api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body()[0].ID;
        var job = (await api.GetJobAsync("web", null, null, Ct)).Body();
        Func<Task>[] writes =
        [
            () => api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct),
            () => api.RegisterJobAsync(new JobRegisterRequest { Job = job }, Ct),
            () => api.DeregisterJobAsync("web", null, Ct),
            () => api.RevertJobAsync("web", new JobRevertRequest { JobID = "web", JobVersion = 0 }, Ct),
            () => api.StopAllocationAsync(allocation, Ct),
            () => api.RestartAllocationAsync(allocation, new AllocRestartRequest { AllTasks = true }, Ct),
            () => api.UpdateNodeDrainAsync(node, new NodeDrainRequest { DrainSpec = new DrainSpec { Deadline = 60_000_000_000 } }, Ct),
            () => api.UpdateNodeEligibilityAsync(node, new NodeEligibilityRequest { Eligibility = "ineligible" }, Ct),
        ];
        foreach (var write in writes)
        {
            var denied = await Assert.ThrowsAsync<NomadPermissionDeniedException>(write);
            Assert.Equal("Permission denied", denied.NomadMessage);
        }

        // Operators may not drain (node:read only), as DESIGN.md §5 gives drains to admins.
        await Assert.ThrowsAsync<NomadPermissionDeniedException>(() =>
            _demo.Operator.Api.UpdateNodeEligibilityAsync(node, new NodeEligibilityRequest { Eligibility = "ineligible" }, Ct));
        Assert.Equal(0UL, (await api.GetJobAsync("web", null, null, Ct)).Body().Version);
    }

    [Fact]
    public async Task StopStartAndPurge_Worker_AllocationsFollowTheJob()
    {
        await _demo.Operator.Api.DeregisterJobAsync("worker", null, Ct);
        await _demo.WaitUntilAsync(async ct => (await _demo.Viewer.Api.GetJobAsync("worker", null, null, ct)).Body().Status == "dead");
        var stopped = (await _demo.Viewer.Api.GetJobAsync("worker", null, null, Ct)).Body();
        Assert.True(stopped.Stop);
        Assert.All((await _demo.Viewer.Api.GetJobAllocationsAsync("worker", null, null, null, Ct)).Body(), a => Assert.Equal("complete", a.ClientStatus));

        await _demo.Operator.Api.RegisterJobAsync(new JobRegisterRequest { Job = stopped with { Stop = false } }, Ct);
        await _demo.WaitUntilAsync(async ct =>
            (await _demo.Viewer.Api.GetJobAllocationsAsync("worker", null, null, null, ct)).Body().Any(a => a.ClientStatus == "running"));
        Assert.Equal("running", (await _demo.Viewer.Api.GetJobAsync("worker", null, null, Ct)).Body().Status);

        await _demo.Admin.Api.DeregisterJobAsync("worker", true, Ct);
        var gone = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetJobAsync("worker", null, null, Ct)).Body());
        Assert.Equal("job not found", gone.NomadMessage);
    }

    [Fact]
    public async Task Revert_AfterScale_PreviousCountComesBack()
    {
        await _demo.Operator.Api.ScaleTaskGroupAsync("api", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "api" } }, Ct);
        await _demo.Operator.Api.RevertJobAsync("api", new JobRevertRequest { JobID = "api", JobVersion = 0 }, Ct);
        var job = (await _demo.Viewer.Api.GetJobAsync("api", null, null, Ct)).Body();
        Assert.Equal(2UL, job.Version);
        Assert.Equal(2, job.TaskGroups![0].Count);
        var versions = await _demo.Viewer.Api.GetJobVersionsAsync("api", null, Ct);
        Assert.Equal([2UL, 1UL, 0UL], versions.Versions!.Select(v => v.Version));
    }

    [Fact]
    public async Task StopAllocation_Running_ReplacementIsPlaced()
    {
        var before = (await _demo.Viewer.Api.GetJobAllocationsAsync("postgres", null, null, null, Ct)).Body().Single();
        var stop = await _demo.Operator.Api.StopAllocationAsync(before.ID, Ct);
        Assert.False(string.IsNullOrEmpty(stop.EvalID));
        await _demo.WaitUntilAsync(async ct =>
        {
            var allocations = (await _demo.Viewer.Api.GetJobAllocationsAsync("postgres", null, null, null, ct)).Body();
            return allocations.Any(a => a.ID == before.ID && a.ClientStatus == "complete")
                   && allocations.Any(a => a.ID != before.ID && a.ClientStatus == "running");
        });
        var old = (await _demo.Viewer.Api.GetAllocationAsync(before.ID, null, null, Ct)).Body();
        Assert.Equal("stop", old.DesiredStatus);
        Assert.False(string.IsNullOrEmpty(old.NextAllocation));
    }

    [Fact]
    public async Task RestartAllocation_Running_RestartsInPlace()
    {
        var allocation = (await _demo.Viewer.Api.GetJobAllocationsAsync("api", null, null, null, Ct)).Body()[0];
        await _demo.Operator.Api.RestartAllocationAsync(allocation.ID, new AllocRestartRequest { AllTasks = true }, Ct);
        await _demo.WaitUntilAsync(async ct =>
        {
            var state = (await _demo.Viewer.Api.GetAllocationAsync(allocation.ID, null, null, ct)).Body().TaskStates!["api"];
            return state.Restarts == 1 && state.State == "running";
        });
        var events = (await _demo.Viewer.Api.GetAllocationAsync(allocation.ID, null, null, Ct)).Body().TaskStates!["api"].Events!;
        Assert.Contains(events, e => e.Type == "Restart Signaled");

        var unknown = await Assert.ThrowsAsync<NomadNotFoundException>(() =>
            _demo.Operator.Api.RestartAllocationAsync("ffffffff-0000-0000-0000-000000000000", new AllocRestartRequest(), Ct));
        Assert.StartsWith("Unknown allocation", unknown.NomadMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainAndEligibility_Admin_AllocationsMigrateAndNodeEndsIneligible()
    {
        var nodes = (await _demo.Viewer.Api.GetNodesAsync(null, null, null, null, null, Ct)).Body();
        var mini = nodes.First(n => n.NodeClass != "server");
        await _demo.Admin.Api.UpdateNodeDrainAsync(mini.ID, new NodeDrainRequest { DrainSpec = new DrainSpec { Deadline = 3_600_000_000_000, IgnoreSystemJobs = true } }, Ct);
        await _demo.WaitUntilAsync(async ct =>
        {
            var node = (await _demo.Viewer.Api.GetNodeAsync(mini.ID, null, null, ct)).Body();
            return !node.Drain && node.LastDrain?.Status == "complete";
        });
        var left = (await _demo.Viewer.Api.GetNodeAllocationsAsync(mini.ID, null, null, Ct)).Body().Where(a => a.DesiredStatus == "run" && a.ClientStatus != "complete");
        Assert.All(left, a => Assert.Equal("promtail", a.JobID));
        Assert.Equal("ineligible", (await _demo.Viewer.Api.GetNodeAsync(mini.ID, null, null, Ct)).Body().SchedulingEligibility);
        await _demo.WaitUntilAsync(async ct =>
            (await _demo.Viewer.Api.GetJobAllocationsAsync("web", null, null, null, ct)).Body().Count(a => a.ClientStatus == "running") == 2);

        await _demo.Admin.Api.UpdateNodeEligibilityAsync(mini.ID, new NodeEligibilityRequest { Eligibility = "eligible" }, Ct);
        Assert.Equal("eligible", (await _demo.Viewer.Api.GetNodeAsync(mini.ID, null, null, Ct)).Body().SchedulingEligibility);
        var bad = await Assert.ThrowsAsync<NomadBadRequestException>(() =>
            _demo.Admin.Api.UpdateNodeEligibilityAsync(mini.ID, new NodeEligibilityRequest { Eligibility = "maybe" }, Ct));
        Assert.Contains("maybe", bad.NomadMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outage_AnyRequest_UnreachableThenRecovers()
    {
        _demo.Server.Outage = true;
        await Assert.ThrowsAsync<NomadUnreachableException>(async () => (await _demo.Viewer.Api.GetJobsAsync(null, null, null, Ct)).Body());
        await Assert.ThrowsAsync<NomadUnreachableException>(() =>
            _demo.Operator.Api.ScaleTaskGroupAsync("web", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct));
        _demo.Server.Outage = false;
        Assert.NotEmpty((await _demo.Viewer.Api.GetJobsAsync(null, null, null, Ct)).Body());
    }

    [Fact]
    public async Task ClosedPort_AnyRequest_UnreachableSaysConnectionRefused()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new NomadClient(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{port}") });
        var error = await Assert.ThrowsAsync<NomadUnreachableException>(() => client.Api.GetAgentSelfAsync(Ct));
        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
    }
}
