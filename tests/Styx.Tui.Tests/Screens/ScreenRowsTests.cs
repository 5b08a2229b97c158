using System.Net;
using Styx.Cluster.Access;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Screens;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Screens;

/// <summary>
/// Issue 11 item 3: screens are pure functions of their data. Each is built here from a fixture snapshot made of the
/// official Nomad samples, with no SSH, no session and no Terminal.Gui.
/// </summary>
public sealed class ScreenRowsTests
{
    private static readonly ClusterSnapshot Snapshot = FixtureSnapshot.Create();
    private static readonly PlatformCatalog Catalog = PlatformCatalog.Default();
    private static readonly Caller Viewer = new("t", "SHA256:t", Role.Viewer, IPAddress.Loopback);

    private static ScreenData Data(object? detail = null, string? error = null) =>
        new(Snapshot, Catalog, Viewer, DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), detail, error);

    [Fact]
    public void Overview_CountsAndLinks()
    {
        var rows = new OverviewScreen().Rows(Data());
        Assert.Equal("2/2 ready, 1 ineligible, 1 draining", rows.Single(r => r.Key == "nodes").Cells[1]);
        Assert.Contains("1 stopping", rows.Single(r => r.Key == "jobs").Cells[1], StringComparison.Ordinal);
        Assert.Contains(rows, r => r.Key == "svc/Traefik" && r.Target is PlatformServiceTarget);
        Assert.Contains(rows, r => r.Key.StartsWith("fail/", StringComparison.Ordinal) && r.Cells[1].Contains("lossy.cache[1]", StringComparison.Ordinal));
    }

    [Fact]
    public void Jobs_OneRowPerJob_InNameOrder_WithTargets()
    {
        var rows = new JobsScreen().Rows(Data());
        Assert.Equal(["default/agents", "default/example", "default/lossy", "default/stopped", "default/stopping"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.IsType<JobTarget>(r.Target));
        Assert.Equal(RowTone.Muted, rows.Single(r => r.Key == "default/stopped").Tone);
    }

    [Fact]
    public void Job_GroupsAllocationsAndVersionsFromTheDetail()
    {
        var screen = new JobScreen("lossy");
        var without = screen.Rows(Data());
        Assert.DoesNotContain(without, r => r.Key.StartsWith("version/", StringComparison.Ordinal));
        var versions = new JobVersionsResponse { Versions = [new Job { ID = "lossy", Version = 3, Stable = true }] };
        var with = screen.Rows(Data(versions));
        Assert.Contains(with, r => r.Key == "version/3" && r.Cells[1] == "stable");
        Assert.Contains(with, r => r.Key == "group/cache" && r.Target is GroupTarget { Group: "cache" });
        Assert.Equal(2, with.Count(r => r.Key.StartsWith("alloc/", StringComparison.Ordinal)));
        Assert.Contains(screen.Rows(Data(null, "Nomad: boom")), r => r.Key == "versions-error" && r.Cells[5] == "Nomad: boom");
        Assert.NotNull(screen.Detail(Snapshot));
        Assert.Null(new JobScreen("gone").Detail(Snapshot));
    }

    [Fact]
    public void Nodes_AndNode_DrainAndClass()
    {
        var rows = new NodesScreen().Rows(Data());
        var draining = rows.Single(r => r.Cells[0] == "mac-mini-2");
        Assert.Equal(("ineligible", "yes", "-"), (draining.Cells[2], draining.Cells[3], draining.Cells[4]));
        Assert.Equal(RowTone.Warning, draining.Tone);
        var node = new NodeScreen(Snapshot.Nodes[1].ID);
        Assert.Equal("Node mac-mini-2", node.Title(Data()));
        Assert.Equal(2, node.Rows(Data()).Count(r => r.Target is AllocationTarget));
    }

    [Fact]
    public void Allocations_OfAJobAndGroup()
    {
        Assert.Equal(4, new AllocationsScreen(null).Rows(Data()).Count);
        var lossy = new AllocationsScreen("lossy", "default", "cache").Rows(Data());
        Assert.Equal(["lossy.cache[0]", "lossy.cache[1]"], lossy.Select(r => r.Cells[1]));
        Assert.Equal("Allocations of lossy/cache", new AllocationsScreen("lossy", "default", "cache").Title(Data()));
    }

    [Fact]
    public void Allocation_TaskEventsFromTheDetail_MissingSaysSo()
    {
        var id = Snapshot.Allocations[0].ID;
        var screen = new AllocationScreen(id);
        Assert.StartsWith("Allocation example.cache[0]", screen.Title(Data()), StringComparison.Ordinal);
        var stub = Snapshot.Allocations[0];
        var detail = new AllocationScreen.AllocationDetail(new Allocation { ID = id, Name = stub.Name, TaskStates = stub.TaskStates }, null);
        Assert.Contains(screen.Rows(Data(detail)), r => r.Key.StartsWith("task/", StringComparison.Ordinal));
        Assert.Equal("not found", new AllocationScreen("nope").Rows(Data()).Single().Cells[1]);
    }

    [Fact]
    public void PlatformServices_EveryCatalogEntry()
    {
        var rows = new ServicesScreen().Rows(Data());
        Assert.Equal(Catalog.Services.Select(s => "svc/" + s.Name), rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.IsType<PlatformServiceTarget>(r.Target));
    }

    [Theory]
    [InlineData("traefik.http.routers.grafana.rule=PathPrefix(`/grafana`)", "route /grafana")]
    [InlineData("traefik.http.routers.api.rule=Host(`api.styx`) && PathPrefix(`/v1`)", "route Host(`api.styx`) && PathPrefix(`/v1`)")]
    [InlineData("traefik.enable=true", "traefik")]
    [InlineData("prometheus.scrape=true", "prometheus.scrape=true")]
    public void NomadServices_TagsReadAsRoutes(string tag, string shown) => Assert.Equal(shown, NomadServicesScreen.ReadableTag(tag));

    [Fact]
    public void NomadServices_BeforeTheyAreWatched_SaysSoInsteadOfAnEmptyTable()
    {
        var rows = new NomadServicesScreen().Rows(Data());
        Assert.StartsWith("reading the service registrations", Assert.Single(rows).Cells[0], StringComparison.Ordinal);
    }

    [Fact]
    public void NomadServices_RegistrationsWithChecks_OfAJobOrAll()
    {
        var registration = new ServiceRegistration
        {
            ID = "_nomad-task-1-grafana", ServiceName = "grafana", Namespace = "default", NodeID = Snapshot.Nodes[0].ID, JobID = "example",
            AllocID = Snapshot.Allocations[0].ID, Address = "100.64.0.1", Port = 3000, Tags = ["prometheus.scrape=true", "traefik.http.routers.grafana.rule=PathPrefix(`/grafana`)"],
        };
        var checks = new AllocationChecks("default", registration.AllocID,
            [new AllocCheckStatus { Check = "healthz", Service = "grafana", Status = AllocCheckStatus.Failure, Output = "502" }, new AllocCheckStatus { Check = "alive", Service = "grafana", Status = AllocCheckStatus.Success }]);
        var snapshot = Snapshot with
        {
            Loaded = Snapshot.Loaded | ClusterLists.ServiceRegistrations,
            ServiceRegistrations = [registration, registration with { ID = "other", ServiceName = "cache", JobID = "lossy" }],
            Checks = System.Collections.Immutable.ImmutableDictionary<string, System.Collections.Immutable.ImmutableDictionary<string, AllocationChecks>>.Empty
                .Add("default", System.Collections.Immutable.ImmutableDictionary<string, AllocationChecks>.Empty.Add(registration.AllocID, checks)),
        };
        var data = new ScreenData(snapshot, Catalog, Viewer, DateTimeOffset.UnixEpoch);
        var rows = new NomadServicesScreen().Rows(data);
        Assert.Equal(["cache", "grafana"], rows.Select(r => r.Cells[0]));
        var grafana = rows.Single(r => r.Cells[0] == "grafana");
        Assert.Equal(("100.64.0.1:3000", "nomad-4", "1/2 failing: healthz", "route /grafana prometheus.scrape=true"), (grafana.Cells[3], grafana.Cells[4], grafana.Cells[6], grafana.Cells[7]));
        Assert.Equal(RowTone.Bad, grafana.Tone);
        Assert.IsType<ServiceTarget>(grafana.Target);
        Assert.Equal(["grafana"], new NomadServicesScreen("example", "default").Rows(data).Select(r => r.Cells[0]));
    }

    [Fact]
    public void JobDefinition_TheJobAsIndentedJson_OneLinePerRow()
    {
        var rows = new JobDefinitionScreen("example").Rows(Data());
        Assert.Contains(rows, r => r.Cells[0].Contains("\"ID\": \"example\"", StringComparison.Ordinal));
        Assert.True(rows.Count > 20);
        Assert.Equal("loading the definition…", new JobDefinitionScreen("example", "staging").Rows(Data()).Single().Cells[0]);
    }
}
