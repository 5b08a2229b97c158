using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Commands;

/// <summary>
/// Commands in a namespace against the demo's default and staging, which both have a job called web: each command
/// reaches the job of the namespace it is given (or the configured one), the audit names any namespace but default,
/// and the platform rule holds for the platform's own namespace only.
/// </summary>
public sealed class ClusterCommandsNamespaceTests : IAsyncLifetime
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
    public async Task Stop_WebInStaging_StopsThatOneAndTheAuditNamesTheNamespace()
    {
        var result = await Commands.StopJobAsync(CommandsHarness.Operator, "staging", "web", false, Ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("web@staging stopped", result.Message);
        Assert.True((await Api.GetJobAsync("web", "staging", null, null, Ct)).Body().Stop);
        Assert.False((await Api.GetJobAsync("web", null, null, Ct)).Body().Stop);

        var record = Assert.Single(_harness.AuditFile());
        Assert.Equal("job.stop", record.Action);
        Assert.Equal("job web@staging", record.Target);
        Assert.Equal("staging", record.Arguments["namespace"]);
        Assert.Equal("web", record.Arguments["job"]);
    }

    [Fact]
    public async Task Stop_InDefault_AuditWithoutNamespace()
    {
        Assert.True((await Commands.StopJobAsync(CommandsHarness.Operator, "default", "worker", false, Ct)).Succeeded);
        var record = Assert.Single(_harness.AuditFile());
        Assert.Equal("job worker", record.Target);
        Assert.False(record.Arguments.ContainsKey("namespace"));
    }

    [Fact]
    public async Task StopThenStart_MailerInStaging_StaysInStaging()
    {
        Assert.True((await Commands.StopJobAsync(CommandsHarness.Operator, "staging", "mailer", false, Ct)).Succeeded);
        await _harness.Demo.WaitUntilAsync(async ct => (await Api.GetJobAsync("mailer", "staging", null, null, ct)).Body().Status == "dead");
        var started = await Commands.StartJobAsync(CommandsHarness.Operator, "staging", "mailer", Ct);
        Assert.True(started.Succeeded, started.Message);
        Assert.Equal("mailer@staging started", started.Message);
        Assert.False((await Api.GetJobAsync("mailer", "staging", null, null, Ct)).Body().Stop);
        // Registered again in its own namespace, not the client's.
        await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await Api.GetJobAsync("mailer", null, null, Ct)).Body());
    }

    [Fact]
    public async Task Scale_WebInStaging_LeavesDefaultsWeb()
    {
        var result = await Commands.ScaleAsync(CommandsHarness.Operator, "staging", "web", "web", "3", Ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("web@staging/web count 1 → 3", result.Message);
        Assert.Equal(3, (await Api.GetJobAsync("web", "staging", null, null, Ct)).Body().TaskGroups![0].Count);
        Assert.Equal(2, (await Api.GetJobAsync("web", null, null, Ct)).Body().TaskGroups![0].Count);
        // Staging's web has its own scaling bounds (1..4).
        Assert.Contains("cannot go above 4", (await Commands.ScaleAsync(CommandsHarness.Operator, "staging", "web", "web", "5", Ct)).Message, StringComparison.Ordinal);
        Assert.Equal("web@staging/web", _harness.AuditFile()[0].Target);
    }

    [Fact]
    public async Task RollingRestart_WebInStaging_RestartsOnlyItsAllocation()
    {
        var defaults = (await Api.GetJobAllocationsAsync("web", null, null, null, Ct)).Body().Select(a => a.ID).ToList();
        var result = await Commands.RollingRestartAsync(CommandsHarness.Operator, "staging", "web", null, Ct);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("web@staging: restarted 1 allocation one at a time", result.Message);
        foreach (var id in defaults)
        {
            Assert.All((await Api.GetAllocationAsync(id, null, null, Ct)).Body().TaskStates!.Values, t => Assert.Equal(0UL, t.Restarts));
        }
    }

    [Theory]
    [InlineData("staging", "postgres", CommandOutcome.NotFound, "no job \"postgres\" in namespace \"staging\"")]
    [InlineData("nosuch", "web", CommandOutcome.NotFound, "no job \"web\" in namespace \"nosuch\"")]
    [InlineData("*", "web", CommandOutcome.Invalid, "a command acts in one namespace")]
    public async Task Stop_WrongNamespace_ClearErrorNoWrite(string @namespace, string job, CommandOutcome outcome, string message)
    {
        var result = await Commands.StopJobAsync(CommandsHarness.Operator, @namespace, job, false, Ct);
        Assert.Equal(outcome, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Demo.Server.Requests.Writes);
    }

    [Fact]
    public async Task Allocation_NamespaceMustBeItsOwn_AuditNamesWhereItWas()
    {
        var staging = Assert.Single((await Api.GetJobAllocationsAsync("web", "staging", null, null, null, Ct)).Body());
        var elsewhere = await Commands.StopAllocationAsync(CommandsHarness.Operator, "default", staging.ID, Ct);
        Assert.Equal(CommandOutcome.NotFound, elsewhere.Outcome);
        Assert.Contains("belongs to staging", elsewhere.Message, StringComparison.Ordinal);
        Assert.Equal(0, _harness.Demo.Server.Requests.Writes);

        var stopped = await Commands.StopAllocationAsync(CommandsHarness.Operator, staging.ID, Ct);
        Assert.True(stopped.Succeeded, stopped.Message);
        var record = _harness.AuditFile()[^1];
        Assert.Equal("alloc.stop", record.Action);
        Assert.Equal(AuditOutcome.Succeeded, record.Outcome);
        Assert.Equal("staging", record.Arguments["namespace"]);
    }

    [Fact]
    public async Task PlatformRule_OnlyForThePlatformsOwnNamespace()
    {
        // A team's own "traefik" in staging is an application job: an operator may stop it.
        var traefik = (await _harness.Demo.Admin.Api.GetJobAsync("traefik", null, null, Ct)).Body();
        await _harness.Demo.Admin.Api.RegisterJobAsync("staging", new JobRegisterRequest { Job = traefik with { Namespace = "staging" } }, Ct);

        Assert.NotNull(Commands.Authorize(CommandsHarness.Operator, ClusterAction.JobStop, AuditTarget.Job("traefik"), "traefik"));
        Assert.Null(Commands.Authorize(CommandsHarness.Operator, ClusterAction.JobStop, AuditTarget.Job("staging", "traefik"), "traefik", "staging"));

        var refused = await Commands.StopJobAsync(CommandsHarness.Operator, "default", "traefik", false, Ct);
        Assert.Equal(CommandOutcome.Refused, refused.Outcome);
        var allowed = await Commands.StopJobAsync(CommandsHarness.Operator, "staging", "traefik", false, Ct);
        Assert.True(allowed.Succeeded, allowed.Message);
        Assert.False((await Api.GetJobAsync("traefik", null, null, Ct)).Body().Stop);
    }

    [Fact]
    public async Task ConfiguredNamespace_IsWhereCommandsWithoutOneAct()
    {
        await using var staging = await CommandsHarness.StartAsync(nomadNamespace: "staging");
        Assert.Equal("staging", staging.Commands.DefaultNamespace);
        var result = await staging.Commands.StopJobAsync(CommandsHarness.Operator, "web", false, Ct);
        Assert.True(result.Succeeded, result.Message);
        var api = staging.Demo.Viewer.Api;
        Assert.True((await api.GetJobAsync("web", "staging", null, null, Ct)).Body().Stop);
        Assert.False((await api.GetJobAsync("web", "default", null, null, Ct)).Body().Stop);
        Assert.Equal("staging", Assert.Single(staging.AuditFile()).Arguments["namespace"]);
        // The platform keeps its own namespace whatever Styx is configured with.
        Assert.NotNull(staging.Commands.Authorize(CommandsHarness.Operator, ClusterAction.JobStop, AuditTarget.Job("default", "nats"), "nats", "default"));
        Assert.True((await staging.Commands.StopPlatformServiceAsync(CommandsHarness.Admin, "NATS", Ct)).Succeeded);
        Assert.True((await api.GetJobAsync("nats", "default", null, null, Ct)).Body().Stop);
    }
}
