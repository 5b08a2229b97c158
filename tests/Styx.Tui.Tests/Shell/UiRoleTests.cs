using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Tui.Tests.Support;
using Styx.Testing;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Issue 5's role checks through the full-screen app: the same ClusterCommands path as exec, so the same refusals,
/// the same audit records, and no request to Nomad for a refused action.
/// </summary>
public sealed class UiRoleTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    private Task<AuditRecord> AuditedAsync(string action, AuditOutcome outcome) =>
        Eventually.Value(() => _server.ReadAudit().LastOrDefault(r => r.Action == action && r.User == "tester") is { } record && record.Outcome == outcome ? record : null,
            $"a {outcome} {action} record by tester in the audit log");

    private static async Task SelectJobAsync(ShellHarness shell, string job)
    {
        await shell.OpenJobsAsync();
        shell.Type($"/{job}\r");
        await shell.WaitForSelectedAsync(job);
    }

    private static async Task OpenNodesAsync(ShellHarness shell)
    {
        shell.Type(":nodes\r");
        await shell.WaitForAsync("Styx ▸ Nodes");
    }

    [Fact]
    public async Task Viewer_ScaleStopDrain_RefusedAudited_NoRequestToNomad()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        _server.Demo.Requests.Clear();
        await SelectJobAsync(shell, "web");
        shell.Type("S");
        await shell.WaitForAsync("viewers cannot change the cluster");
        Assert.Equal(AuditOutcome.Refused, (await AuditedAsync("job.scale", AuditOutcome.Refused)).Outcome);
        shell.Type("X");
        var stop = await AuditedAsync("job.stop", AuditOutcome.Refused);
        Assert.Equal(("job web", "viewer may not stop jobs: it needs the operator role"), (stop.Target, stop.Error));
        await OpenNodesAsync(shell);
        shell.Type("D");
        await AuditedAsync("node.drain", AuditOutcome.Refused);
        Assert.DoesNotContain("Cancel", await shell.ScreenAsync(), StringComparison.Ordinal);
        Assert.Equal(0, _server.Demo.Requests.Writes);
    }

    [Fact]
    public async Task Operator_ScaleWorks_PurgeAndDrainRefused()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Operator);
        await SelectJobAsync(shell, "web");
        shell.Type("S");
        await shell.WaitForAsync("new count:");
        shell.Type("3\r");
        await shell.WaitForAsync("✓ scale");
        await AuditedAsync("job.scale", AuditOutcome.Succeeded);

        _server.Demo.Requests.Clear();
        shell.Type("P");
        await shell.WaitForAsync("operator may not purge jobs: it needs the admin role");
        await AuditedAsync("job.purge", AuditOutcome.Refused);
        await OpenNodesAsync(shell);
        shell.Type("D");
        await shell.WaitForAsync("operator may not drain nodes: it needs the admin role");
        await AuditedAsync("node.drain", AuditOutcome.Refused);
        Assert.Equal(0, _server.Demo.Requests.Writes);
    }

    /// <summary>Issue 10 item 1: the Jobs screen's X, T, R and S on a platform service's row need the admin role.</summary>
    [Fact]
    public async Task Operator_ActionKeysOnPlatformServiceJobRow_RefusedNoConfirmationNoWrite()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Operator);
        await SelectJobAsync(shell, "traefik");
        _server.Demo.Requests.Clear();
        foreach (var (key, action) in new[] { ("X", "job.stop"), ("T", "job.start"), ("R", "job.restart"), ("S", "job.scale") })
        {
            shell.Type(key);
            await shell.WaitForAsync("of platform services (traefik runs Traefik): it needs the admin role");
            var record = await AuditedAsync(action, AuditOutcome.Refused);
            Assert.Contains("traefik", record.Target, StringComparison.Ordinal);
            Assert.DoesNotContain("Cancel", await shell.ScreenAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, _server.Demo.Requests.Writes);
    }

    [Fact]
    public async Task Activity_AdminSeesTheAuditLogLive_OthersAreRefused()
    {
        await using (var operatorShell = await ShellHarness.StartAsync(_server, Role.Operator))
        {
            operatorShell.Type(":activity\r");
            await operatorShell.WaitForAsync("operator may not read the activity log: it needs the admin role");
            await AuditedAsync("activity.read", AuditOutcome.Refused);
        }

        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        shell.Type(":activity\r");
        var screen = await shell.WaitForAsync("Styx ▸ Activity");
        Assert.Contains("activity.read", screen, StringComparison.Ordinal);
        Assert.Contains("refused", screen, StringComparison.Ordinal);

        // Someone scales a job over exec: the record shows up on the open screen by itself, newest first.
        var scale = await _server.AsAsync("operator", "scale web web 4");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        var live = await shell.WaitForAsync("job.scale");
        Assert.Contains("Otto Operator", live, StringComparison.Ordinal);
        var lines = live.Split('\n');
        var scaleLine = Array.FindIndex(lines, l => l.Contains("job.scale", StringComparison.Ordinal));
        var readLine = Array.FindIndex(lines, l => l.Contains("activity.read", StringComparison.Ordinal));
        Assert.True(scaleLine >= 0 && scaleLine < readLine, "the newest record is on top");
        Assert.True(lines[scaleLine].Contains("count=4", StringComparison.Ordinal), live);
        Assert.Contains("succeeded", lines[scaleLine], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_PurgeAndDrain_Work()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        await SelectJobAsync(shell, "worker");
        shell.Type("P");
        await shell.WaitForAsync("Purge job worker?");
        shell.Type("\u001b[C\r");
        await shell.WaitForAsync("✓ purge");
        await AuditedAsync("job.purge", AuditOutcome.Succeeded);
        await shell.WaitForAsync(_ => _server.Server.State.Current.Jobs.All(j => j.ID != "worker"), "worker purged");

        await OpenNodesAsync(shell);
        shell.Type("D");
        await shell.WaitForAsync("Drain node");
        shell.Type("\u001b[C\r");
        await shell.WaitForAsync("✓ drain");
        await AuditedAsync("node.drain", AuditOutcome.Succeeded);
        // The demo's drain may finish before the watcher sees it draining; either way the node ends ineligible.
        await shell.WaitForAsync(_ => _server.Server.State.Current.Nodes.Any(n => n.Drain || n.SchedulingEligibility == "ineligible"), "a node drained");
    }
}
