using System.Diagnostics;

namespace Styx.Demo.Tests.Prometheus;

/// <summary>
/// Nomad's <c>/v1/metrics?format=prometheus</c> and Traefik's <c>/metrics</c>: text format 0.0.4 that Prometheus's own
/// checker accepts, the metric names of cluster-apis.md §4, numbers equal to the stats endpoints', counters that grow.
/// </summary>
public sealed class ExpositionTests(PrometheusDemoFixture fixture) : IClassFixture<PrometheusDemoFixture>
{
    /// <summary>
    /// <c>promtool check metrics</c> exits 1 and prints "error while linting" on a text Prometheus cannot parse, and
    /// exits 3 listing lint problems on a text it can. Errors must be none. The lint problems allowed are the naming
    /// ones a real Nomad agent has too, since the demo keeps Nomad's names: go-metrics' counters
    /// (<c>nomad_raft_apply</c>, <c>nomad_nomad_rpc_request</c>) lack <c>_total</c>, and two gauges end in it
    /// (<c>nomad_client_host_cpu_total</c>, <c>nomad_client_host_memory_total</c>).
    /// </summary>
    [Theory]
    [InlineData("/v1/metrics?format=prometheus")]
    [InlineData("/metrics")]
    public async Task Exposition_PromtoolCheckMetrics_NoErrors(string path)
    {
        var text = await fixture.Http.GetStringAsync(path);
        var promtool = "/usr/bin/promtool";
        if (!File.Exists(promtool))
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "promtool is missing: install the Debian package 'prometheus' (it ships /usr/bin/promtool)");
            return;
        }

        var start = new ProcessStartInfo(promtool, ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(text);
        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(deadline.Token);
        var output = await stdout + await stderr;

        Assert.DoesNotContain("error", output, StringComparison.OrdinalIgnoreCase);
        Assert.True(process.ExitCode is 0 or 3, $"promtool exited {process.ExitCode}: {output}");
        var problems = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(problems, line => Assert.Matches(
            "^((nomad_raft_apply|nomad_nomad_rpc_request) counter metrics should have|(nomad_client_host_cpu_total|nomad_client_host_memory_total) non-counter metrics should not have) \"_total\" suffix$",
            line));
    }

    [Fact]
    public async Task Exposition_ContentTypeAndHelpAndTypeForEveryFamily()
    {
        var response = await fixture.Http.GetAsync("/v1/metrics?format=prometheus");
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var exposition = Exposition.Parse(await response.Content.ReadAsStringAsync());
        Assert.NotEmpty(exposition.Samples);
        Assert.All(exposition.Samples, s =>
        {
            Assert.Contains(exposition.FamilyOf(s.Name), exposition.Types.Keys);
            Assert.Contains(exposition.FamilyOf(s.Name), exposition.Helps);
        });
    }

    [Fact]
    public async Task Exposition_NomadNamesAndLabels_PerCluster_Apis_4_1()
    {
        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        string[] names =
        [
            "nomad_client_host_cpu_total", "nomad_client_host_cpu_total_percent", "nomad_client_host_cpu_user", "nomad_client_host_cpu_system",
            "nomad_client_host_cpu_idle", "nomad_client_host_memory_total", "nomad_client_host_memory_available", "nomad_client_host_memory_used",
            "nomad_client_host_memory_free", "nomad_client_host_disk_size", "nomad_client_host_disk_used", "nomad_client_host_disk_available",
            "nomad_client_host_disk_used_percent", "nomad_client_allocated_cpu", "nomad_client_allocated_memory", "nomad_client_unallocated_cpu",
            "nomad_client_unallocated_memory", "nomad_client_allocs_cpu_total_percent", "nomad_client_allocs_cpu_total_ticks",
            "nomad_client_allocs_memory_usage", "nomad_client_allocs_memory_rss", "nomad_client_allocs_memory_allocated",
            "nomad_nomad_broker_total_ready", "nomad_nomad_plan_queue_depth", "nomad_nomad_heartbeat_active", "nomad_raft_apply", "nomad_nomad_rpc_request",
        ];
        Assert.All(names, name => Assert.Contains(name, exposition.Types.Keys));
        Assert.Equal("counter", exposition.Types["nomad_raft_apply"]);

        var cpu = exposition.Samples.First(s => s.Name == "nomad_client_host_cpu_idle");
        Assert.Equal(["cpu", "datacenter", "host", "node_class", "node_id", "node_pool", "node_scheduling_eligibility", "node_status"], cpu.Labels.Keys.Order(StringComparer.Ordinal));
        var task = exposition.Samples.First(s => s.Name == "nomad_client_allocs_memory_rss");
        Assert.Equal(["alloc_id", "host", "job", "namespace", "task", "task_group"], task.Labels.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("/dev/disk3s1", exposition.Samples.First(s => s.Name == "nomad_client_host_disk_size").Labels["disk"]);
    }

    [Fact]
    public async Task Traefik_ServiceRequestsAndDurationHistogram_PerCluster_Apis_4_2()
    {
        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/metrics"));
        Assert.Equal("counter", exposition.Types["traefik_service_requests_total"]);
        Assert.Equal("histogram", exposition.Types["traefik_service_request_duration_seconds"]);
        var web = exposition.Samples.Where(s => s.Name == "traefik_service_requests_total" && s.Labels["service"] == "web@nomad").ToList();
        Assert.Equal(["200", "404", "500"], web.Select(s => s.Labels["code"]).Order(StringComparer.Ordinal));
        Assert.All(web, s => Assert.Equal(("GET", "http"), (s.Labels["method"], s.Labels["protocol"])));
        // Ten minutes at about two requests a second (web's two allocations write one access line a second each).
        Assert.InRange(web.Sum(s => s.Value), 600 * 2 * 0.7, 600 * 2 * 1.3);
        Assert.InRange(exposition.Value("traefik_service_requests_total", ("service", "web@nomad"), ("code", "500")), 1, 30);

        var buckets = exposition.Samples.Where(s => s.Name == "traefik_service_request_duration_seconds_bucket" && s.Labels["service"] == "api@nomad" && s.Labels["code"] == "200").ToList();
        Assert.Equal(["0.1", "0.3", "1.2", "5", "+Inf"], buckets.Select(b => b.Labels["le"]));
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        Assert.Equal(buckets[^1].Value, exposition.Value("traefik_service_request_duration_seconds_count", ("service", "api@nomad"), ("code", "200")));
    }

    [Fact]
    public async Task HostMetrics_EqualTheNodeStatsEndpoint_AtTheSameSimulatedTime()
    {
        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        foreach (var node in (await fixture.GetJsonAsync("/v1/nodes")).EnumerateArray())
        {
            var id = node.GetProperty("ID").GetString()!;
            var stats = await fixture.GetJsonAsync("/v1/client/stats?node_id=" + id);
            var memory = stats.GetProperty("Memory");
            Assert.Equal(memory.GetProperty("Used").GetDouble(), exposition.Value("nomad_client_host_memory_used", ("node_id", id)));
            Assert.Equal(memory.GetProperty("Available").GetDouble(), exposition.Value("nomad_client_host_memory_available", ("node_id", id)));
            Assert.Equal(memory.GetProperty("Total").GetDouble(), exposition.Value("nomad_client_host_memory_total", ("node_id", id)));
            foreach (var cpu in stats.GetProperty("CPU").EnumerateArray())
            {
                var core = cpu.GetProperty("CPU").GetString()!;
                Assert.Equal(cpu.GetProperty("Idle").GetDouble(), exposition.Value("nomad_client_host_cpu_idle", ("node_id", id), ("cpu", core)), 9);
                Assert.Equal(cpu.GetProperty("Total").GetDouble(), exposition.Value("nomad_client_host_cpu_total", ("node_id", id), ("cpu", core)), 9);
            }

            var disk = stats.GetProperty("DiskStats")[0];
            Assert.Equal(disk.GetProperty("Used").GetDouble(), exposition.Value("nomad_client_host_disk_used", ("node_id", id)));
        }
    }

    [Fact]
    public async Task AllocationMetrics_EqualTheAllocationStatsEndpoint_AtTheSameSimulatedTime()
    {
        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        var allocation = (await fixture.GetJsonAsync("/v1/job/api/allocations")).EnumerateArray().First(a => a.GetProperty("ClientStatus").GetString() == "running");
        var id = allocation.GetProperty("ID").GetString()!;
        var stats = await fixture.GetJsonAsync($"/v1/client/allocation/{id}/stats");
        foreach (var task in stats.GetProperty("Tasks").EnumerateObject())
        {
            var usage = task.Value.GetProperty("ResourceUsage");
            (string, string)[] labels = [("alloc_id", id), ("task", task.Name), ("job", "api"), ("namespace", "default")];
            Assert.Equal(usage.GetProperty("CpuStats").GetProperty("Percent").GetDouble(), exposition.Value("nomad_client_allocs_cpu_total_percent", labels), 9);
            Assert.Equal(usage.GetProperty("CpuStats").GetProperty("TotalTicks").GetDouble(), exposition.Value("nomad_client_allocs_cpu_total_ticks", labels), 6);
            Assert.Equal(usage.GetProperty("MemoryStats").GetProperty("RSS").GetDouble(), exposition.Value("nomad_client_allocs_memory_rss", labels));
            Assert.Equal(usage.GetProperty("MemoryStats").GetProperty("Usage").GetDouble(), exposition.Value("nomad_client_allocs_memory_usage", labels));
        }
    }

    [Fact]
    public async Task Counters_OnlyIncrease_AsSimulatedTimePasses()
    {
        var before = Exposition.Parse(await fixture.Http.GetStringAsync("/metrics") + await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        fixture.Step(TimeSpan.FromSeconds(30));
        var after = Exposition.Parse(await fixture.Http.GetStringAsync("/metrics") + await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));

        var counters = before.Samples.Where(s => before.Types[before.FamilyOf(s.Name)] is "counter" or "histogram").ToList();
        Assert.NotEmpty(counters);
        Assert.All(counters, s =>
        {
            var later = after.Samples.Single(a => a.Name == s.Name && a.Labels.Count == s.Labels.Count && a.Labels.All(l => s.Labels[l.Key] == l.Value));
            Assert.True(later.Value >= s.Value, $"{s.Name} went from {s.Value} to {later.Value}");
        });
        Assert.True(after.Value("traefik_service_requests_total", ("service", "web@nomad"), ("code", "200")) > before.Value("traefik_service_requests_total", ("service", "web@nomad"), ("code", "200")));
    }

    [Fact]
    public async Task LabelValues_EscapedPerTheExpositionFormat()
    {
        Assert.Equal("a\\\\b\\\"c\\nd", Styx.Demo.Prometheus.ExpositionFormat.EscapeLabelValue("a\\b\"c\nd"));
        // The exposition as a whole is read back by the same rules.
        var exposition = Exposition.Parse(await fixture.Http.GetStringAsync("/v1/metrics?format=prometheus"));
        Assert.Contains(exposition.Samples, s => s.Labels.TryGetValue("job", out var job) && job == "web");
    }
}
