using Styx.Cluster.Audit;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// Roles through a real SSH client (issue 5): a viewer's writes exit 3 with a clear message and never reach Nomad;
/// operators scale but may not purge or drain; admins may. Every attempt is one audit record.
/// </summary>
public sealed class ExecRoleTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _styx = fixture.Server;

    private IReadOnlyList<AuditRecord> Audit() => _styx.ReadAudit();

    [Theory]
    [InlineData("scale web web 3", "viewer may not scale jobs: it needs the operator role")]
    [InlineData("stop web", "viewer may not stop jobs: it needs the operator role")]
    [InlineData("drain mac-mini-1", "viewer may not drain nodes: it needs the admin role")]
    public async Task Viewer_Write_ExitThreeNoNomadWriteAudited(string command, string message)
    {
        _styx.Demo.Requests.Clear();
        var result = await _styx.AsAsync("viewer", command);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, _styx.Demo.Requests.Writes);
        var record = Audit().Last(r => !r.Action.StartsWith("session.", StringComparison.Ordinal));
        Assert.Equal((AuditOutcome.Refused, "Vera Viewer", "viewer"), (record.Outcome, record.User, record.Role));
    }

    [Fact]
    public async Task Operator_ScaleWorks_PurgeAndDrainRefused()
    {
        var scale = await _styx.AsAsync("operator", "scale web web 3");
        Assert.True(scale.ExitCode == 0, scale.Stderr);
        Assert.Equal("web/web count 2 → 3\n", scale.Stdout);
        Assert.Contains(Audit(), r => r.Action == "job.scale" && r.Outcome == AuditOutcome.Succeeded && r.User == "Otto Operator");

        var purge = await _styx.AsAsync("operator", "stop worker --purge");
        Assert.Equal(3, purge.ExitCode);
        Assert.Contains("needs the admin role", purge.Stderr, StringComparison.Ordinal);
        var drain = await _styx.AsAsync("operator", "drain mac-mini-1");
        Assert.Equal(3, drain.ExitCode);
    }

    /// <summary>Issue 10 item 1, the live check: an operator's plain job commands on a platform service are refused too.</summary>
    [Theory]
    [InlineData("stop traefik", "job.stop")]
    [InlineData("start traefik", "job.start")]
    [InlineData("scale traefik traefik 2", "job.scale")]
    [InlineData("restart traefik", "job.restart")]
    public async Task Operator_JobCommandOnPlatformService_ExitThreeNoNomadWrite(string command, string action)
    {
        _styx.Demo.Requests.Clear();
        var result = await _styx.AsAsync("operator", command);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("it needs the admin role", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.Equal(0, _styx.Demo.Requests.Writes);
        var record = Audit().Last(r => !r.Action.StartsWith("session.", StringComparison.Ordinal));
        Assert.Equal((action, AuditOutcome.Refused, "Otto Operator"), (record.Action, record.Outcome, record.User));
    }

    [Fact]
    public async Task Admin_DrainAndPurge_Work()
    {
        var drain = await _styx.AsAsync("admin", "drain mac-mini-1");
        Assert.True(drain.ExitCode == 0, drain.Stderr);
        Assert.StartsWith("mac-mini-1 draining", drain.Stdout, StringComparison.Ordinal);
        var purge = await _styx.AsAsync("admin", "stop worker --purge");
        Assert.True(purge.ExitCode == 0, purge.Stderr);
        var gone = await _styx.AsAsync("admin", "job worker");
        Assert.Equal(4, gone.ExitCode);
    }

    [Fact]
    public async Task Sessions_OpenAndClose_Audited()
    {
        await _styx.AsAsync("viewer", "whoami");
        var records = Audit().Where(r => r.User == "Vera Viewer").ToList();
        Assert.Contains(records, r => r.Action == "session.open" && r.Target == "exec");
        Assert.Contains(records, r => r.Action == "session.close" && r.Arguments.ContainsKey("durationSeconds"));
    }
}
