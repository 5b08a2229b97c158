using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Commands;

/// <summary>
/// Every command is allowed for the roles DESIGN.md §5 gives it and refused for the others before any HTTP request,
/// and audited either way.
/// </summary>
public sealed class ClusterCommandsRoleTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(120));
    private CommandsHarness _harness = null!;
    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync() => _harness = await CommandsHarness.StartAsync();

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        _timeout.Dispose();
    }

    /// <summary>Each command with arguments that are valid on the demo cluster, and the action it is audited as.</summary>
    private IEnumerable<(string Name, ClusterAction Action, Func<Caller, Task<CommandResult>> Run)> AllCommands(string allocation, string node)
    {
        var commands = _harness.Commands;
        yield return ("start", ClusterAction.JobStart, c => commands.StartJobAsync(c, "web", Ct));
        yield return ("scale", ClusterAction.JobScale, c => commands.ScaleAsync(c, "api", "api", "3", Ct));
        yield return ("revert", ClusterAction.JobRevert, c => commands.RevertJobAsync(c, "api", "0", Ct));
        yield return ("restart alloc", ClusterAction.AllocationRestart, c => commands.RestartAllocationAsync(c, allocation, Ct));
        yield return ("rolling restart", ClusterAction.JobRestart, c => commands.RollingRestartAsync(c, "postgres", null, Ct));
        yield return ("eligibility", ClusterAction.NodeEligibility, c => commands.SetEligibilityAsync(c, node, true, Ct));
        yield return ("drain off", ClusterAction.NodeDrain, c => commands.DrainNodeAsync(c, node, false, Ct));
        yield return ("service start", ClusterAction.PlatformServiceStart, c => commands.StartPlatformServiceAsync(c, "Grafana", Ct));
        yield return ("stop alloc", ClusterAction.AllocationStop, c => commands.StopAllocationAsync(c, allocation, Ct));
        yield return ("service stop", ClusterAction.PlatformServiceStop, c => commands.StopPlatformServiceAsync(c, "dragonfly", Ct));
        yield return ("stop", ClusterAction.JobStop, c => commands.StopJobAsync(c, "worker", false, Ct));
        yield return ("purge", ClusterAction.JobPurge, c => commands.StopJobAsync(c, "worker", true, Ct));
    }

    [Fact]
    public async Task EveryCommand_RolesBelowRequired_RefusedWithoutRequestAndAudited()
    {
        foreach (var (name, action, run) in AllCommands("0123abcd", "mac-mini-1"))
        {
            foreach (var caller in new[] { CommandsHarness.Viewer, CommandsHarness.Operator, CommandsHarness.Admin }.Where(c => !RolePolicy.Allows(c.Role, action)))
            {
                var requestsBefore = _harness.Demo.Server.Requests.Count;
                var result = await run(caller);
                Assert.True(result.Outcome == CommandOutcome.Refused, $"{name} as {caller.Role}: {result}");
                Assert.Contains(RoleNames.ToName(RolePolicy.RequiredRole(action)), result.Message, StringComparison.Ordinal);
                Assert.Equal(requestsBefore, _harness.Demo.Server.Requests.Count);
                var record = _harness.AuditFile()[^1];
                Assert.Equal((caller.User, caller.KeyFingerprint, caller.Role.ToName(), ClusterCommands.ActionName(action), AuditOutcome.Refused),
                    (record.User, record.KeyFingerprint, record.Role, record.Action, record.Outcome));
                Assert.Equal(caller.SourceAddress?.ToString(), record.SourceAddress);
            }
        }

        Assert.Equal(0, _harness.Demo.Server.Requests.Count);
    }

    [Fact]
    public async Task EveryCommand_RequiredRoleOrAbove_SucceedsAndAudited()
    {
        var api = _harness.Demo.Viewer.Api;
        var allocation = (await api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body().First(a => a.ClientStatus == "running").ID;
        foreach (var (name, action, run) in AllCommands(allocation, "mac-mini-1"))
        {
            // The lowest role allowed, so the test also shows operators need no admin token for their commands.
            var caller = new[] { CommandsHarness.Operator, CommandsHarness.Admin }.First(c => RolePolicy.Allows(c.Role, action));
            var result = await run(caller);
            Assert.True(result.Succeeded, $"{name} as {caller.Role}: {result}");
            var record = _harness.AuditFile()[^1];
            Assert.Equal((ClusterCommands.ActionName(action), AuditOutcome.Succeeded, caller.User), (record.Action, record.Outcome, record.User));
            Assert.Null(record.Error);
        }

        Assert.Equal(12, _harness.AuditFile().Count);
    }

    /// <summary>
    /// Issue 10 item 1: a platform service's job needs the admin role whichever command reaches it, not only through
    /// <c>service start|stop</c>: an operator's job and allocation commands on <c>traefik</c> are refused and audited
    /// as refused, and Nomad sees no write; an admin's go through.
    /// </summary>
    [Fact]
    public async Task PlatformServiceJob_OperatorThroughJobCommands_RefusedNoWrite_AdminAllowed()
    {
        var api = _harness.Demo.Viewer.Api;
        var allocation = (await api.GetJobAllocationsAsync("traefik", null, null, null, Ct)).Body().First(a => a.ClientStatus == "running").ID;
        var commands = _harness.Commands;
        (string Name, ClusterAction Action, Func<Caller, Task<CommandResult>> Run)[] onTraefik =
        [
            ("stop", ClusterAction.JobStop, c => commands.StopJobAsync(c, "traefik", false, Ct)),
            ("stop, another spelling", ClusterAction.JobStop, c => commands.StopJobAsync(c, "Traefik", false, Ct)),
            ("start", ClusterAction.JobStart, c => commands.StartJobAsync(c, "traefik", Ct)),
            ("scale", ClusterAction.JobScale, c => commands.ScaleAsync(c, "traefik", "traefik", "2", Ct)),
            ("revert", ClusterAction.JobRevert, c => commands.RevertJobAsync(c, "traefik", "0", Ct)),
            ("rolling restart", ClusterAction.JobRestart, c => commands.RollingRestartAsync(c, "traefik", null, Ct)),
            ("restart alloc", ClusterAction.AllocationRestart, c => commands.RestartAllocationAsync(c, allocation, Ct)),
            ("stop alloc", ClusterAction.AllocationStop, c => commands.StopAllocationAsync(c, allocation, Ct)),
        ];
        var writes = _harness.Demo.Server.Requests.Writes;
        foreach (var (name, action, run) in onTraefik)
        {
            var result = await run(CommandsHarness.Operator);
            Assert.True(result.Outcome == CommandOutcome.Refused, $"{name}: {result}");
            Assert.Contains("platform services", result.Message, StringComparison.Ordinal);
            Assert.Contains("needs the admin role", result.Message, StringComparison.Ordinal);
            var record = _harness.AuditFile()[^1];
            Assert.Equal((ClusterCommands.ActionName(action), AuditOutcome.Refused, "otto"), (record.Action, record.Outcome, record.User));
        }

        Assert.Equal(writes, _harness.Demo.Server.Requests.Writes);
        Assert.NotNull(commands.Authorize(CommandsHarness.Operator, ClusterAction.JobStop, AuditTarget.Job("traefik"), "traefik"));
        Assert.Null(commands.Authorize(CommandsHarness.Operator, ClusterAction.JobStop, AuditTarget.Job("web"), "web"));

        var admin = await commands.StopJobAsync(CommandsHarness.Admin, "traefik", false, Ct);
        Assert.True(admin.Succeeded, admin.Message);
        Assert.Equal(writes + 1, _harness.Demo.Server.Requests.Writes);
    }

    [Fact]
    public async Task ViewerWithWriteCapableTokenByMistake_StillRefusedByStyx()
    {
        await using var harness = await CommandsHarness.StartAsync(acl => new Dictionary<Role, string?> { [Role.Viewer] = acl.Admin.SecretId });
        var result = await harness.Commands.ScaleAsync(CommandsHarness.Viewer, "web", "web", "3", Ct);
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Equal(0, harness.Demo.Server.Requests.Count);
    }

    [Fact]
    public async Task OperatorRole_WithViewerTokenConfigured_NomadRefusesAndSaysSo()
    {
        // The operator role was given the viewer's token: Styx allows the command, Nomad's ACL refuses it (403).
        await using var harness = await CommandsHarness.StartAsync(acl => new Dictionary<Role, string?> { [Role.Operator] = acl.Viewer.SecretId });
        var result = await harness.Commands.ScaleAsync(CommandsHarness.Operator, "web", "web", "3", Ct);
        Assert.Equal(CommandOutcome.Refused, result.Outcome);
        Assert.Contains("Permission denied", result.Message, StringComparison.Ordinal);
        Assert.Equal(AuditOutcome.Failed, harness.AuditFile()[^1].Outcome);
    }

    [Fact]
    public void Authorize_RefusalAuditedWithoutRequest_AllowedWritesNothing()
    {
        var before = _harness.Demo.Server.Requests.Writes;
        var refused = _harness.Commands.Authorize(CommandsHarness.Operator, ClusterAction.JobPurge, "job web");
        Assert.Equal((CommandOutcome.Refused, "operator may not purge jobs: it needs the admin role"), (refused!.Outcome, refused.Message));
        Assert.Null(_harness.Commands.Authorize(CommandsHarness.Admin, ClusterAction.JobPurge, "job web"));
        var records = _harness.AuditFile();
        var record = Assert.Single(records);
        Assert.Equal(("job.purge", "job web", AuditOutcome.Refused, "otto"), (record.Action, record.Target, record.Outcome, record.User));
        Assert.Equal(before, _harness.Demo.Server.Requests.Writes);
    }

    [Fact]
    public void OpenActivity_AdminsOnly_FeedFollowsTheLog()
    {
        var (refused, none) = _harness.Commands.OpenActivity(CommandsHarness.Operator);
        Assert.Null(none);
        Assert.Equal(CommandOutcome.Refused, refused.Outcome);

        var (opened, feed) = _harness.Commands.OpenActivity(CommandsHarness.Admin);
        Assert.True(opened.Succeeded);
        var seen = 0;
        using (feed!.Watch(() => Interlocked.Increment(ref seen)))
        {
            _harness.Commands.Authorize(CommandsHarness.Viewer, ClusterAction.JobStop, "job api");
        }

        _harness.Commands.Authorize(CommandsHarness.Viewer, ClusterAction.JobStop, "job api");
        Assert.Equal(1, seen);
        Assert.Equal(["activity.read", "activity.read", "job.stop", "job.stop"], feed.Recent(10).Select(r => r.Action));
    }
}
