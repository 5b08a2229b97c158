using Styx.Cluster.Access;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// Issue 11 items 4 and 5 in the full-screen app: <c>:ns</c> switches the session's namespace (the status line says
/// which, the same job ID in another namespace is another job, actions act in the row's namespace), and <c>:svc</c>
/// lists Nomad service registrations with their routes and checks.
/// </summary>
public sealed class NamespaceAndServicesTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _server = fixture.Server;

    [Fact]
    public async Task Ns_SwitchesTheView_StatusLineAndCompletionFollow()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Admin);
        await shell.WaitForAsync("│ ns default │");
        await shell.OpenJobsAsync();
        Assert.DoesNotContain("mailer", await shell.ScreenAsync(), StringComparison.Ordinal);

        shell.Type(":ns st\t\r");
        var staging = await shell.WaitForAsync("│ ns staging │");
        await shell.WaitForAsync(screen => screen.Contains("mailer", StringComparison.Ordinal) && !screen.Contains("postgres", StringComparison.Ordinal), "staging's jobs only");
        Assert.Contains("namespace staging", staging, StringComparison.Ordinal);

        shell.Type(":ns *\r");
        var all = await shell.WaitForAsync(screen => screen.Contains("│ ns * │", StringComparison.Ordinal) && screen.Contains("postgres", StringComparison.Ordinal), "every namespace");
        Assert.Contains("NAMESPACE", all, StringComparison.Ordinal);
        Assert.Equal(2, all.Split('\n').Count(l => l.TrimStart(' ', '*').StartsWith("web ", StringComparison.Ordinal)));

        shell.Type(":ns nowhere\r");
        await shell.WaitForAsync("no namespace \"nowhere\"");
    }

    [Fact]
    public async Task Ns_ScaleInStaging_OnlyStagingsWebChanges()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Operator);
        shell.Type(":ns staging\r");
        await shell.WaitForAsync("│ ns staging │");
        shell.Type(":job web\r");
        await shell.WaitForAsync("Styx ▸ Job web @staging");
        var before = _server.Server.State.CurrentIn("default").Definition("web")!.TaskGroups![0].Count;
        var target = _server.Server.State.CurrentIn("staging").Definition("web")!.TaskGroups![0].Count == 1 ? 2 : 1;
        shell.Type("S");
        await shell.WaitForAsync("new count:");
        shell.Type($"{target}\r");
        await shell.WaitForAsync("✓ scale");
        await Styx.Testing.Eventually.True(() => _server.Server.State.CurrentIn("staging").Definition("web")?.TaskGroups![0].Count == target, "staging's web scaled");
        Assert.Equal(before, _server.Server.State.CurrentIn("default").Definition("web")!.TaskGroups![0].Count);
        Assert.Contains(_server.ReadAudit(), r => r.Action == "job.scale" && r.Target.Contains("web@staging", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Svc_RegistrationsWithRoutesAndChecks_EnterOpensTheAllocation()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":svc\r");
        var services = await shell.WaitForAsync(screen => screen.Contains("passing", StringComparison.Ordinal) && screen.Contains("route /grafana", StringComparison.Ordinal),
            "registrations with routes and passing checks");
        Assert.Contains("Styx ▸ Services", services, StringComparison.Ordinal);
        Assert.Contains("prometheus.scrape=true", services, StringComparison.Ordinal);

        shell.Type("/grafana\r");
        await shell.WaitForSelectedAsync("grafana");
        shell.Type("\r");
        await shell.WaitForAsync("Styx ▸ Allocation grafana");
    }

    [Fact]
    public async Task Svc_OfOneJob_FromItsScreen()
    {
        await using var shell = await ShellHarness.StartAsync(_server, Role.Viewer);
        shell.Type(":job api\r");
        await shell.WaitForAsync("Styx ▸ Job api");
        shell.Type("G");
        await shell.WaitForSelectedAsync("definition");
        shell.Type("k\r");
        var services = await shell.WaitForAsync("Styx ▸ Services of api");
        await shell.WaitForAsync(screen => screen.Split('\n').Count(l => l.TrimStart().StartsWith("api ", StringComparison.Ordinal)) >= 2, "api's registrations");
        Assert.DoesNotContain("grafana", services, StringComparison.Ordinal);
    }
}
