using Styx.Cluster.Nomad;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// The Nomad client and namespaces, against Styx.Demo over HTTP: the namespace list, the explicit namespace parameter
/// over the client's configured one, <c>*</c> on lists, the same job ID in two namespaces, services and checks.
/// </summary>
public sealed class NomadClientNamespaceTests : IAsyncLifetime
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
    public async Task Namespaces_ListAndRead()
    {
        var response = await _demo.Viewer.Api.GetNamespacesAsync(null, null, null, Ct);
        Assert.Equal(["default", "staging"], response.Body().Select(n => n.Name));
        Assert.True(response.NomadIndex() > 0);
        Assert.Equal("styx", (await _demo.Viewer.Api.GetNamespaceAsync("staging", null, null, Ct)).Body().Meta?["owner"]);
        var missing = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetNamespaceAsync("nosuch", null, null, Ct)).Body());
        Assert.Equal("Namespace not found", missing.NomadMessage);
    }

    [Fact]
    public async Task SameJobId_ExplicitNamespaceReadsEachOne()
    {
        var web = (await _demo.Viewer.Api.GetJobAsync("web", null, null, Ct)).Body();
        var stagingWeb = (await _demo.Viewer.Api.GetJobAsync("web", "staging", null, null, Ct)).Body();
        Assert.Equal("default", web.Namespace);
        Assert.Equal("staging", stagingWeb.Namespace);
        Assert.NotEqual(web.CreateIndex, stagingWeb.CreateIndex);
        Assert.Single((await _demo.Viewer.Api.GetJobAllocationsAsync("web", "staging", null, null, null, Ct)).Body());
    }

    [Fact]
    public async Task ConfiguredNamespace_IsTheDefault_ExplicitOneWins()
    {
        using var staging = _demo.Client(_demo.Server.Acl.Viewer.SecretId, nomadNamespace: "staging");
        Assert.Equal(["mailer", "web"], (await staging.Api.GetJobsAsync(null, null, null, Ct)).Body().Select(j => j.ID));
        Assert.Equal("staging", (await staging.Api.GetJobAsync("web", null, null, Ct)).Body().Namespace);
        Assert.Equal("default", (await staging.Api.GetJobAsync("web", "default", null, null, Ct)).Body().Namespace);
    }

    [Fact]
    public async Task Lists_AllNamespaces()
    {
        var jobs = (await _demo.Viewer.Api.GetJobsAsync(Namespace.All, null, null, null, Ct)).Body();
        Assert.Equal(["default", "staging"], jobs.Where(j => j.ID == "web").Select(j => j.Namespace));
        var allocations = (await _demo.Viewer.Api.GetAllocationsAsync(Namespace.All, null, false, null, null, Ct)).Body();
        Assert.Contains(allocations, a => a.Namespace == "staging" && a.JobID == "mailer");
        Assert.Contains((await _demo.Viewer.Api.GetDeploymentsAsync(Namespace.All, null, null, Ct)).Body(), d => d.Namespace == "staging");
        Assert.Equal(["default", "staging"], (await _demo.Viewer.Api.GetServicesAsync(Namespace.All, null, null, Ct)).Body().Select(l => l.Namespace));
    }

    [Fact]
    public async Task Stop_SameJobIdInStaging_OnlyThatOneStops()
    {
        await _demo.Operator.Api.DeregisterJobAsync("web", "staging", null, Ct);
        Assert.True((await _demo.Viewer.Api.GetJobAsync("web", "staging", null, null, Ct)).Body().Stop);
        Assert.False((await _demo.Viewer.Api.GetJobAsync("web", null, null, Ct)).Body().Stop);
    }

    [Fact]
    public async Task Register_WithoutNamespace_StaysInTheJobsOwn()
    {
        var mailer = (await _demo.Admin.Api.GetJobAsync("mailer", "staging", null, null, Ct)).Body();
        await _demo.Admin.Api.RegisterJobAsync(new JobRegisterRequest { Job = mailer with { Meta = new Dictionary<string, string> { ["owner"] = "ops" } } }, Ct);
        Assert.Equal("ops", (await _demo.Viewer.Api.GetJobAsync("mailer", "staging", null, null, Ct)).Body().Meta?["owner"]);
        await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetJobAsync("mailer", null, null, Ct)).Body());
    }

    [Fact]
    public async Task ServicesAndChecks_InTheirNamespace()
    {
        var stagingWeb = Assert.Single((await _demo.Viewer.Api.GetServiceAsync("web", "staging", null, null, Ct)).Body());
        Assert.Equal("staging", stagingWeb.Namespace);
        Assert.Contains("prometheus.scrape=true", stagingWeb.Tags!);
        Assert.Single((await _demo.Viewer.Api.GetJobServicesAsync("web", "staging", null, null, Ct)).Body());

        Assert.Equal(stagingWeb.ID, Assert.Single((await _demo.Viewer.Api.GetAllocationServicesAsync(stagingWeb.AllocID, "staging", null, null, Ct)).Body()).ID);
        var elsewhere = await Assert.ThrowsAsync<NomadNotFoundException>(async () => (await _demo.Viewer.Api.GetAllocationServicesAsync(stagingWeb.AllocID, null, null, null, Ct)).Body());
        Assert.Equal("allocation not found", elsewhere.NomadMessage);

        var checks = await _demo.Viewer.Api.GetAllocationChecksAsync(stagingWeb.AllocID, Ct);
        var check = Assert.Single(checks!.Values);
        Assert.Equal(AllocCheckStatus.Success, check.Status);
        Assert.Equal("web", check.Service);
        Assert.Equal(200, check.StatusCode);
        await Assert.ThrowsAsync<NomadNotFoundException>(() => _demo.Viewer.Api.GetAllocationChecksAsync("00000000-0000-0000-0000-000000000000", Ct));
    }

    [Fact]
    public async Task Checks_StoppedAllocation_NullAsNomadSendsIt()
    {
        var postgres = Assert.Single((await _demo.Viewer.Api.GetJobAllocationsAsync("postgres", null, null, null, Ct)).Body());
        Assert.NotNull(await _demo.Viewer.Api.GetAllocationChecksAsync(postgres.ID, Ct));
        await _demo.Operator.Api.StopAllocationAsync(postgres.ID, Ct);
        Assert.Null(await _demo.Viewer.Api.GetAllocationChecksAsync(postgres.ID, Ct));
    }
}
