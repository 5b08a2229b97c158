using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Commands;

/// <summary>What the commands do to the simulated cluster, and how bad input is refused without changing anything.</summary>
public sealed class ClusterCommandsBehaviourTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private CommandsHarness _harness = null!;
    private CancellationToken Ct => _timeout.Token;
    private ClusterCommands Commands => _harness.Commands;
    private INomadApi Api => _harness.Demo.Viewer.Api;

    public async Task InitializeAsync() => _harness = await CommandsHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public async Task Scale_WebTwoToThree_ThirdAllocationRunsAndAuditHasArguments()
    {
        var result = await Commands.ScaleAsync(CommandsHarness.Operator, "web", "web", "3", Ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("web/web count 2 → 3", result.Message);
        await _harness.Demo.WaitUntilAsync(async ct =>
            (await Api.GetJobAllocationsAsync("web", null, null, null, ct)).Body().Count(a => a.ClientStatus == "running") == 3);

        var record = Assert.Single(_harness.AuditFile());
        Assert.Equal("job.scale", record.Action);
        Assert.Equal("web/web", record.Target);
        Assert.Equal("3", record.Arguments["count"]);
        Assert.Equal("otto", record.User);
        Assert.Equal("100.64.1.11", record.SourceAddress);
    }

    [Theory]
    [InlineData("nope", "web", "3", CommandOutcome.NotFound, "no job \"nope\"")]
    [InlineData("web", "nope", "3", CommandOutcome.NotFound, "no group \"nope\"")]
    [InlineData("web", "web", "-1", CommandOutcome.Invalid, "negative")]
    [InlineData("web", "web", "three", CommandOutcome.Invalid, "not a whole number")]
    [InlineData("web", "web", "2.5", CommandOutcome.Invalid, "not a whole number")]
    [InlineData("web", "web", "11", CommandOutcome.Invalid, "cannot go above 10")]
    [InlineData("web", "web", "0", CommandOutcome.Invalid, "cannot go below 1")]
    [InlineData("", "web", "3", CommandOutcome.Invalid, "job is empty")]
    public async Task Scale_BadInput_ClearErrorNoWriteAudited(string job, string group, string count, CommandOutcome outcome, string message)
    {
        var result = await Commands.ScaleAsync(CommandsHarness.Operator, job, group, count, Ct);
        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Demo.Server.Requests.Writes);
        var record = Assert.Single(_harness.AuditFile());
        Assert.Equal(AuditOutcome.Failed, record.Outcome);
        Assert.Equal(result.Message, record.Error);
    }

    [Fact]
    public async Task UnknownTargets_EveryKind_NotFoundNamesWhatToType()
    {
        var node = await Commands.DrainNodeAsync(CommandsHarness.Admin, "mac-pro-9", true, Ct);
        Assert.Equal(CommandOutcome.NotFound, node.Outcome);
        Assert.Contains("`nodes` lists them", node.Message, StringComparison.Ordinal);
        var allocation = await Commands.StopAllocationAsync(CommandsHarness.Operator, "ffffffff", Ct);
        Assert.Equal(CommandOutcome.NotFound, allocation.Outcome);
        var job = await Commands.StopJobAsync(CommandsHarness.Operator, "nope", false, Ct);
        Assert.Equal(CommandOutcome.NotFound, job.Outcome);
        var service = await Commands.StopPlatformServiceAsync(CommandsHarness.Admin, "Kafka", Ct);
        Assert.Equal(CommandOutcome.NotFound, service.Outcome);
        Assert.Contains("NATS", service.Message, StringComparison.Ordinal);
        var vault = await Commands.StopPlatformServiceAsync(CommandsHarness.Admin, "vault", Ct);
        Assert.Equal(CommandOutcome.Invalid, vault.Outcome);
        Assert.Contains("not a Nomad job", vault.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Demo.Server.Requests.Writes);
        Assert.Equal(5, _harness.AuditFile().Count);
    }

    [Fact]
    public async Task NomadUnreachable_MidCommand_FailedSaysUnreachableNothingChanged()
    {
        _harness.Demo.Server.Outage = true;
        var result = await Commands.ScaleAsync(CommandsHarness.Operator, "web", "web", "3", Ct);
        _harness.Demo.Server.Outage = false;
        Assert.Equal(CommandOutcome.Failed, result.Outcome);
        Assert.Contains("unreachable", result.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, (await Api.GetJobAsync("web", null, null, Ct)).Body().TaskGroups![0].Count);
        Assert.Equal(AuditOutcome.Failed, Assert.Single(_harness.AuditFile()).Outcome);
    }

    [Fact]
    public async Task StopStartPurge_Worker_JobFollows()
    {
        Assert.True((await Commands.StopJobAsync(CommandsHarness.Operator, "worker", false, Ct)).Succeeded);
        await _harness.Demo.WaitUntilAsync(async ct => (await Api.GetJobAsync("worker", null, null, ct)).Body().Status == "dead");
        Assert.Equal("worker is already stopped", (await Commands.StopJobAsync(CommandsHarness.Operator, "worker", false, Ct)).Message);

        Assert.True((await Commands.StartJobAsync(CommandsHarness.Operator, "worker", Ct)).Succeeded);
        await _harness.Demo.WaitUntilAsync(async ct =>
            (await Api.GetJobAllocationsAsync("worker", null, null, null, ct)).Body().Any(a => a.ClientStatus == "running"));
        Assert.Equal("worker is already running", (await Commands.StartJobAsync(CommandsHarness.Operator, "worker", Ct)).Message);

        Assert.True((await Commands.StopJobAsync(CommandsHarness.Admin, "worker", true, Ct)).Succeeded);
        Assert.Equal(CommandOutcome.NotFound, (await Commands.StartJobAsync(CommandsHarness.Operator, "worker", Ct)).Outcome);
    }

    [Fact]
    public async Task RollingRestart_Api_EachAllocationRestartedOnceInTurn()
    {
        var progress = new List<string>();
        var result = await Commands.RollingRestartAsync(CommandsHarness.Operator, "api", new SynchronousProgress(progress), Ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(2, progress.Count);
        Assert.StartsWith("restarting api.api[0] (1/2)", progress[0], StringComparison.Ordinal);
        var allocations = (await Api.GetJobAllocationsAsync("api", null, null, null, Ct)).Body();
        foreach (var allocation in allocations)
        {
            var detail = (await Api.GetAllocationAsync(allocation.ID, null, null, Ct)).Body();
            Assert.Equal(1UL, detail.TaskStates!["api"].Restarts);
        }

        // One at a time: the second restart was signalled only after the first task was running again.
        var details = await Task.WhenAll(allocations.Select(a => Api.GetAllocationAsync(a.ID, null, null, Ct)));
        var events = details.Select(d => d.Body()).OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => a.TaskStates!["api"].Events!).ToList();
        var firstRunningAgain = events[0].Last(e => e.Type == "Started").Time;
        var secondSignalled = events[1].First(e => e.Type == "Restart Signaled").Time;
        Assert.True(secondSignalled >= firstRunningAgain);
        Assert.Equal("job.restart", Assert.Single(_harness.AuditFile()).Action);
    }

    [Fact]
    public async Task DrainAndEligibility_ByNodeName_NodeStateFollows()
    {
        Assert.True((await Commands.DrainNodeAsync(CommandsHarness.Admin, "mac-mini-2", true, Ct)).Succeeded);
        var nodes = (await Api.GetNodesAsync(null, null, null, null, null, Ct)).Body();
        var node = nodes.Single(n => n.Name == "mac-mini-2");
        Assert.True(node.Drain || node.SchedulingEligibility == "ineligible");
        await _harness.Demo.WaitUntilAsync(async ct => !(await Api.GetNodeAsync(node.ID, null, null, ct)).Body().Drain);
        Assert.Equal("mac-mini-2 is not draining", (await Commands.DrainNodeAsync(CommandsHarness.Admin, "mac-mini-2", false, Ct)).Message);

        Assert.True((await Commands.SetEligibilityAsync(CommandsHarness.Admin, node.ID[..8], true, Ct)).Succeeded);
        Assert.Equal("eligible", (await Api.GetNodeAsync(node.ID, null, null, Ct)).Body().SchedulingEligibility);
        Assert.True((await Commands.SetEligibilityAsync(CommandsHarness.Admin, "MAC-MINI-2", false, Ct)).Succeeded);
        Assert.Equal("ineligible", (await Api.GetNodeAsync(node.ID, null, null, Ct)).Body().SchedulingEligibility);
    }

    [Fact]
    public async Task PlatformService_StopAndStartNats_JobFollows()
    {
        Assert.True((await Commands.StopPlatformServiceAsync(CommandsHarness.Admin, "NATS", Ct)).Succeeded);
        Assert.True((await Api.GetJobAsync("nats", null, null, Ct)).Body().Stop);
        Assert.True((await Commands.StartPlatformServiceAsync(CommandsHarness.Admin, "nats", Ct)).Succeeded);
        Assert.False((await Api.GetJobAsync("nats", null, null, Ct)).Body().Stop);
        Assert.Equal(["service.stop", "service.start"], _harness.AuditFile().Select(r => r.Action));
    }

    private sealed class SynchronousProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
