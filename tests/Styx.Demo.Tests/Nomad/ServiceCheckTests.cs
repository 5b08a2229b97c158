using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Styx.Demo.Tests.Nomad;

/// <summary>
/// Nomad-native service registrations (tags, address, port, allocation, node) and their checks, which follow the
/// allocation's simulated health: pending while it starts, success once healthy, failure while the flaky worker is
/// down. Simulated time is a fake clock stepped by the test, so every state is seen on purpose, never by timing.
/// </summary>
public sealed class ServiceCheckTests : IAsyncLifetime
{
    private static readonly DemoOptions s_options = new()
    {
        StartDelay = TimeSpan.FromSeconds(2),
        HealthyDelay = TimeSpan.FromSeconds(1),
        StopDelay = TimeSpan.FromSeconds(1),
        FlakyWorker = true,
    };

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private DemoServer _demo = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _demo = await DemoServer.StartAsync(s_options with { Time = _time });
        _http = new HttpClient { BaseAddress = _demo.NomadAddress };
        _http.DefaultRequestHeaders.Add("X-Nomad-Token", _demo.Acl.Viewer.SecretId);
        Step(s_options.StartDelay);
        Step(s_options.HealthyDelay);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
    }

    [Fact]
    public async Task Registration_GrafanaRoutedByTraefik_WithAddressPortAllocationAndNode()
    {
        var grafana = Assert.Single((await GetAsync("/v1/service/grafana")).EnumerateArray());
        Assert.Contains("traefik.http.routers.grafana.rule=PathPrefix(`/grafana`)", Tags(grafana));
        Assert.Contains("traefik.enable=true", Tags(grafana));
        Assert.Equal(3000, grafana.GetProperty("Port").GetInt32());

        var allocation = Assert.Single((await GetAsync("/v1/job/grafana/allocations")).EnumerateArray());
        var node = await GetAsync("/v1/node/" + allocation.GetProperty("NodeID").GetString());
        Assert.Equal(allocation.GetProperty("ID").GetString(), grafana.GetProperty("AllocID").GetString());
        Assert.Equal(node.GetProperty("ID").GetString(), grafana.GetProperty("NodeID").GetString());
        Assert.Equal(node.GetProperty("Attributes").GetProperty("unique.network.ip-address").GetString(), grafana.GetProperty("Address").GetString());
        // A group-level service's ID names the group as Nomad's MakeAllocServiceID does.
        Assert.Equal($"_nomad-task-{allocation.GetProperty("ID").GetString()}-group-grafana-grafana-http", grafana.GetProperty("ID").GetString());
    }

    [Fact]
    public async Task Registrations_ScrapedAndRoutedServices_CarryTheirTags()
    {
        var services = (await GetAsync("/v1/services")).EnumerateArray().Single().GetProperty("Services").EnumerateArray()
            .ToDictionary(s => s.GetProperty("ServiceName").GetString()!, Tags);
        Assert.Contains("prometheus.scrape=true", services["web"]);
        Assert.Contains("traefik.http.routers.web.rule=PathPrefix(`/web`)", services["web"]);
        Assert.Contains("traefik.http.routers.prometheus.rule=PathPrefix(`/prometheus`)", services["prometheus"]);
        Assert.Contains("prometheus.scrape=true", services["traefik-metrics"]);
        Assert.Contains("prometheus.scrape=true", services["worker"]);
        Assert.All(services.Values, tags => Assert.All(tags, tag => Assert.False(string.IsNullOrWhiteSpace(tag) || tag.Contains(' ', StringComparison.Ordinal), tag)));
    }

    [Fact]
    public async Task AllocationServices_LookedUpInTheRequestsNamespace()
    {
        var staging = Assert.Single((await GetAsync("/v1/job/web/allocations?namespace=staging")).EnumerateArray()).GetProperty("ID").GetString();
        var registration = Assert.Single((await GetAsync($"/v1/allocation/{staging}/services?namespace=staging")).EnumerateArray());
        Assert.Equal("staging", registration.GetProperty("Namespace").GetString());
        Assert.Contains("traefik.http.routers.web-staging.rule=PathPrefix(`/staging/web`)", Tags(registration));

        using var elsewhere = await _http.GetAsync($"/v1/allocation/{staging}/services");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal("allocation not found", await elsewhere.Content.ReadAsStringAsync());
        Assert.Equal(2, (await GetAsync("/v1/job/web/services")).GetArrayLength());
    }

    [Fact]
    public async Task Checks_HealthyWeb_SuccessAtBothPaths()
    {
        var allocation = (await GetAsync("/v1/job/web/allocations"))[0];
        var id = allocation.GetProperty("ID").GetString();
        var checks = await GetAsync($"/v1/client/allocation/{id}/checks");
        var (checkId, check) = Assert.Single(checks.EnumerateObject().Select(p => (p.Name, p.Value)));
        Assert.Matches("^[0-9a-f]{32}$", checkId);
        Assert.Equal(checkId, check.GetProperty("ID").GetString());
        Assert.Equal("success", check.GetProperty("Status").GetString());
        Assert.Equal(200, check.GetProperty("StatusCode").GetInt32());
        Assert.Equal("nomad: http ok", check.GetProperty("Output").GetString());
        Assert.Equal("healthiness", check.GetProperty("Mode").GetString());
        Assert.Equal(allocation.GetProperty("Name").GetString(), check.GetProperty("Group").GetString());
        Assert.Equal("web", check.GetProperty("Service").GetString());
        Assert.Equal("healthz", check.GetProperty("Check").GetString());
        Assert.False(check.TryGetProperty("Task", out _), "a group service's check has no task (omitempty)");
        Assert.True(check.GetProperty("Timestamp").GetInt64() <= _time.GetUtcNow().ToUnixTimeSeconds());

        Assert.Equal(checks.GetRawText(), (await GetAsync($"/v1/allocation/{id}/checks")).GetRawText());

        // The official sample's fields, plus StatusCode, which an HTTP check has (the sample's is a TCP check).
        using var sample = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "nomad", "allocation-checks.json")));
        var official = sample.RootElement.EnumerateObject().Single().Value.EnumerateObject().Select(p => p.Name).Append("StatusCode");
        Assert.Equal(official.Order(StringComparer.Ordinal), check.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Checks_TcpAndSystemJob_Success()
    {
        var postgres = await ChecksOfAsync("postgres");
        Assert.Equal("nomad: tcp ok", postgres.GetProperty("Output").GetString());
        Assert.False(postgres.TryGetProperty("StatusCode", out _), "a TCP check has no status code (omitempty)");
        Assert.Equal("success", (await ChecksOfAsync("promtail")).GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Checks_NewAllocation_PendingUntilHealthy()
    {
        using var scaled = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/job/api/scale")
        {
            Content = new StringContent("""{"Count":3,"Target":{"Group":"api"}}""", Encoding.UTF8, "application/json"),
            Headers = { { "X-Nomad-Token", _demo.Acl.Operator.SecretId } },
        });
        Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        var placed = (await GetAsync("/v1/job/api/allocations")).EnumerateArray().Single(a => a.GetProperty("ClientStatus").GetString() == "pending").GetProperty("ID").GetString();

        var waiting = await OnlyCheckAsync(placed);
        Assert.Equal("pending", waiting.GetProperty("Status").GetString());
        Assert.Equal("nomad: waiting to run", waiting.GetProperty("Output").GetString());

        Step(s_options.StartDelay);
        Assert.Equal("running", (await GetAsync($"/v1/allocation/{placed}")).GetProperty("ClientStatus").GetString());
        Assert.Equal("pending", (await OnlyCheckAsync(placed)).GetProperty("Status").GetString());

        Step(s_options.HealthyDelay);
        Assert.Equal("success", (await OnlyCheckAsync(placed)).GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Checks_FlakyWorkerCrashes_FailureUntilRestarted()
    {
        Assert.Equal("success", (await ChecksOfAsync("worker")).GetProperty("Status").GetString());

        Step(TimeSpan.FromMinutes(3));
        var down = await ChecksOfAsync("worker");
        Assert.Equal("failure", down.GetProperty("Status").GetString());
        Assert.Matches("""^nomad: Get "http://[0-9.]+:[0-9]+/healthz": dial tcp [0-9.]+:[0-9]+: connect: connection refused$""", down.GetProperty("Output").GetString());

        Step(s_options.StartDelay);
        Assert.Equal("success", (await ChecksOfAsync("worker")).GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Checks_StoppedAllocation_PurgedAndUnknownIsNotFound()
    {
        var id = (await GetAsync("/v1/job/postgres/allocations"))[0].GetProperty("ID").GetString();
        using (var stop = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/v1/allocation/{id}/stop") { Headers = { { "X-Nomad-Token", _demo.Acl.Operator.SecretId } } }))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }

        Assert.Equal("null", await _http.GetStringAsync($"/v1/client/allocation/{id}/checks"));

        using var unknown = await _http.GetAsync("/v1/client/allocation/00000000-0000-0000-0000-000000000000/checks");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("Unknown allocation \"00000000-0000-0000-0000-000000000000\"", await unknown.Content.ReadAsStringAsync());
    }

    /// <summary>Moves simulated time and the cluster with it, synchronously (the demo's own clock may tick too).</summary>
    private void Step(TimeSpan by)
    {
        _time.Advance(by);
        _demo.Advance();
    }

    private async Task<JsonElement> GetAsync(string path) => await _http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>The single check of a job's first allocation.</summary>
    private async Task<JsonElement> ChecksOfAsync(string job) =>
        await OnlyCheckAsync((await GetAsync($"/v1/job/{job}/allocations")).EnumerateArray().First(a => a.GetProperty("DesiredStatus").GetString() == "run").GetProperty("ID").GetString());

    private async Task<JsonElement> OnlyCheckAsync(string? allocationId) =>
        Assert.Single((await GetAsync($"/v1/client/allocation/{allocationId}/checks")).EnumerateObject()).Value;

    private static List<string?> Tags(JsonElement registration) =>
        registration.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()).ToList();
}
