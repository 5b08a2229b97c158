using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Tests.Support;
using Styx.Testing;

namespace Styx.Cluster.Tests.State;

/// <summary>
/// ClusterState over the demo's two namespaces: one watcher of every namespace, views per namespace, definitions by
/// namespace and job ID, and service registrations with their checks kept while sessions watch them.
/// </summary>
public sealed class ClusterStateNamespaceTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(60));
    private DemoCluster _demo = null!;
    private ClusterState _state = null!;

    private CancellationToken Ct => _timeout.Token;

    public async Task InitializeAsync()
    {
        _demo = await DemoCluster.StartAsync();
        _state = new ClusterState(_demo.Viewer, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(30), ChecksInterval = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        _state.Start();
        await UntilAsync(() => _state.Current.IsComplete && _state.CurrentIn(null).Definition("staging", "web") is not null && _state.Current.Definition("web") is not null);
    }

    public async Task DisposeAsync()
    {
        await _state.DisposeAsync();
        await _demo.DisposeAsync();
        _timeout.Dispose();
    }

    [Fact]
    public void Everything_BothNamespacesListedAndWatched()
    {
        var all = _state.CurrentIn(Namespace.All);
        Assert.Null(all.Namespace);
        Assert.Equal(["default", "staging"], all.Namespaces.Select(n => n.Name));
        Assert.Equal(["default", "staging"], all.Jobs.Where(j => j.ID == "web").Select(j => j.Namespace).Order(StringComparer.Ordinal));
        Assert.Contains(all.Allocations, a => a.Namespace == "staging");
        Assert.Contains(all.Deployments, d => d.Namespace == "staging");
        Assert.Equal(["default", "staging"], all.ServiceLists.Select(l => l.Namespace));
        Assert.True(all.IsComplete);
        Assert.Same(all, _state.CurrentIn(null));
    }

    [Fact]
    public void Current_IsTheConfiguredNamespace()
    {
        var current = _state.Current;
        Assert.Equal("default", _state.DefaultNamespace);
        Assert.Equal("default", current.Namespace);
        Assert.All(current.Jobs, j => Assert.Equal("default", j.Namespace));
        Assert.DoesNotContain(current.Jobs, j => j.ID == "mailer");
        Assert.Equal(15, current.Allocations.Count(a => a.ClientStatus == "running"));
        // Namespaces and nodes are not narrowed.
        Assert.Equal(2, current.Namespaces.Length);
        Assert.Equal(3, current.Nodes.Length);
    }

    [Fact]
    public void Definitions_SameJobIdInEachNamespace()
    {
        var all = _state.CurrentIn(null);
        Assert.Equal("default", all.Definition("default", "web")?.Namespace);
        Assert.Equal("staging", all.Definition("staging", "web")?.Namespace);
        Assert.NotEqual(all.Definition("default", "web")!.CreateIndex, all.Definition("staging", "web")!.CreateIndex);
        // An ID alone names a job only in a view of one namespace.
        Assert.Null(all.Definition("web"));
        Assert.Same(all.Definition("staging", "web"), _state.CurrentIn("staging").Definition("web"));
        Assert.Same(all.Definition("default", "web"), _state.Current.Definition("web"));
        var stagingWeb = all.Jobs.Single(j => j.ID == "web" && j.Namespace == "staging");
        Assert.Same(all.Definition("staging", "web"), all.Definition(stagingWeb));
    }

    [Fact]
    public void InNamespace_NarrowsEveryNamespacedList()
    {
        var all = _state.CurrentIn(null);
        var staging = all.InNamespace("staging");
        var byDefault = all.InNamespace("default");
        Assert.Equal("staging", staging.Namespace);
        Assert.Equal(["mailer", "web"], staging.Jobs.Select(j => j.ID).Order(StringComparer.Ordinal));
        Assert.All(staging.Allocations, a => Assert.Equal("staging", a.Namespace));
        Assert.All(staging.Deployments, d => Assert.Equal("staging", d.Namespace));
        Assert.Equal(["staging"], staging.JobDefinitions.Keys);
        Assert.Equal(["staging"], staging.ServiceLists.Select(l => l.Namespace));
        Assert.Equal(["mailer", "web"], staging.Services.Select(s => s.ServiceName).Order(StringComparer.Ordinal));
        Assert.Equal(all.Allocations.Length, staging.Allocations.Length + byDefault.Allocations.Length);
        Assert.Equal(all.Jobs.Length, staging.Jobs.Length + byDefault.Jobs.Length);
        Assert.Equal(all.Nodes, staging.Nodes);
        Assert.Equal(all.Version, staging.Version);

        Assert.Same(all, all.InNamespace(null));
        Assert.Same(all, all.InNamespace("*"));
        Assert.Same(staging, staging.InNamespace("staging"));
        var none = all.InNamespace("nosuch");
        Assert.Empty(none.Jobs);
        Assert.Empty(none.Allocations);
        Assert.Empty(none.JobDefinitions);
    }

    [Fact]
    public async Task Subscribe_Staging_SeesOnlyStagingChange()
    {
        var staging = new List<ClusterSnapshot>();
        var byDefault = new List<ClusterSnapshot>();
        using var stagingSubscription = _state.Subscribe("staging", s => Add(staging, s));
        using var defaultSubscription = _state.Subscribe(s => Add(byDefault, s));
        await _demo.Operator.Api.ScaleTaskGroupAsync("web", "staging", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "web" } }, Ct);

        await UntilAsync(() => Last(staging).Allocations.Count(a => a.JobID == "web" && a.ClientStatus == "running") == 3);
        Assert.All(Snapshot(staging), s => Assert.Equal("staging", s.Namespace));
        Assert.All(Snapshot(byDefault), s => Assert.Equal(2, s.Allocations.Count(a => a.JobID == "web" && a.ClientStatus == "running")));
        Assert.Equal(3, _state.CurrentIn("staging").Definition("web")?.TaskGroups![0].Count);
        Assert.Equal(2, _state.Current.Definition("web")?.TaskGroups![0].Count);
    }

    [Fact]
    public async Task DetailReads_JobAndVersionsByNamespace()
    {
        Assert.Equal("staging", (await _state.GetJobAsync("staging", "web", Ct)).Namespace);
        Assert.Equal("default", (await _state.GetJobAsync("web", Ct)).Namespace);
        Assert.All((await _state.GetJobVersionsAsync("staging", "web", Ct)).Versions!, v => Assert.Equal("staging", v.Namespace));
        var stagingWeb = Assert.Single(await _state.GetServiceRegistrationsAsync("staging", "web", Ct));
        Assert.Equal("staging", stagingWeb.Namespace);
        Assert.Single(await _state.GetJobServicesAsync("staging", "web", Ct));
    }

    [Fact]
    public async Task AllocationChecks_ReadOnDemand()
    {
        var allocation = _state.Current.Allocations.First(a => a.JobID == "api" && a.ClientStatus == "running");
        var checks = await _state.GetAllocationChecksAsync(allocation.ID, Ct);
        var check = Assert.Single(checks.Values);
        Assert.Equal(AllocCheckStatus.Success, check.Status);
        Assert.Equal("api", check.Service);
        Assert.Equal(allocation.Name, check.Group);
    }

    [Fact]
    public async Task WatchServices_Staging_RegistrationsAndChecksUntilDisposed()
    {
        Assert.Empty(_state.Current.ServiceRegistrations);
        using (_state.WatchServices("staging"))
        {
            await UntilAsync(() => _state.CurrentIn(null).Loaded.HasFlag(ClusterLists.Checks));
            var all = _state.CurrentIn(null);
            Assert.All(all.ServiceRegistrations, r => Assert.Equal("staging", r.Namespace));
            Assert.Equal(["mailer", "web"], all.ServiceRegistrations.Select(r => r.ServiceName).Order(StringComparer.Ordinal));
            Assert.Equal(["staging"], all.Checks.Keys);

            var staging = _state.CurrentIn("staging");
            var web = staging.ServiceRegistrations.Single(r => r.ServiceName == "web");
            Assert.Contains("traefik.http.routers.web-staging.rule=PathPrefix(`/staging/web`)", web.Tags!);
            var check = Assert.Single(staging.ChecksOf(web));
            Assert.Equal(AllocCheckStatus.Success, check.Status);
            Assert.Equal(AllocCheckStatus.Success, staging.ChecksOf("staging", web.AllocID)?.Status);
            Assert.Empty(_state.Current.ServiceRegistrations);
        }

        await UntilAsync(() => !_state.CurrentIn(null).Loaded.HasFlag(ClusterLists.Checks));
        Assert.Empty(_state.CurrentIn(null).ServiceRegistrations);
        Assert.Empty(_state.CurrentIn(null).Checks);
    }

    [Fact]
    public async Task WatchServices_NewAllocation_ChecksFollowItToSuccess()
    {
        using var watch = _state.WatchServices(null);
        await _demo.Operator.Api.ScaleTaskGroupAsync("api", new ScalingRequest { Count = 3, Target = new ScalingTarget { Group = "api" } }, Ct);
        await UntilAsync(() =>
        {
            var current = _state.Current;
            var api = current.Allocations.Where(a => a.JobID == "api" && a.DesiredStatus == "run").ToList();
            return api.Count == 3 && api.All(a => current.ChecksOf(a)?.Status == AllocCheckStatus.Success)
                   && current.ServiceRegistrations.Count(r => r.ServiceName == "api") == 3;
        });
    }

    [Fact]
    public async Task WatchServices_FiftyWatchers_OneReadPerAllocationPerRound()
    {
        await using var state = new ClusterState(_demo.Viewer, new ClusterStateOptions { Wait = TimeSpan.FromSeconds(30), ChecksInterval = TimeSpan.FromHours(1) }, TimeProvider.System, NullLogger<ClusterState>.Instance);
        state.Start();
        await UntilAsync(() => state.Current.IsComplete && state.CurrentIn(null).JobDefinitions.Values.Sum(d => d.Count) == state.CurrentIn(null).Jobs.Length);
        var live = state.CurrentIn(null).Allocations.Count(a => a.DesiredStatus == "run" && a.ClientStatus == "running");
        var services = state.CurrentIn(null).Services.Length;
        _demo.Server.Requests.Clear();

        var watches = Enumerable.Range(0, 50).Select(_ => state.WatchServices(null)).ToList();
        try
        {
            // However many rounds ran, each read every allocation's checks once; the names were read once.
            await UntilAsync(() => state.CurrentIn(null).Loaded.HasFlag(ClusterLists.Checks) && ChecksReads() == state.ServiceRounds * live);
            Assert.InRange(state.ServiceRounds, 1, 2);
            Assert.Equal(services, _demo.Server.Requests.All.Count(r => r.Path.StartsWith("/v1/service/", StringComparison.Ordinal)));
        }
        finally
        {
            watches.ForEach(w => w.Dispose());
        }

        int ChecksReads() => _demo.Server.Requests.All.Count(r => r.Path.EndsWith("/checks", StringComparison.Ordinal));
    }

    private static void Add(List<ClusterSnapshot> seen, ClusterSnapshot snapshot)
    {
        lock (seen)
        {
            seen.Add(snapshot);
        }
    }

    private static List<ClusterSnapshot> Snapshot(List<ClusterSnapshot> seen)
    {
        lock (seen)
        {
            return [.. seen];
        }
    }

    private static ClusterSnapshot Last(List<ClusterSnapshot> seen)
    {
        lock (seen)
        {
            return seen[^1];
        }
    }

    private static Task UntilAsync(Func<bool> condition) => Eventually.True(condition, "the shared state reached the expected snapshot");
}
