using System.Net.Http.Json;
using System.Text.Json;

namespace Styx.Demo.Tests;

/// <summary>The demo's knobs: seed, size, error rate, latency and their validation.</summary>
public sealed class KnobTests
{
    [Fact]
    public async Task Seed_SameSeed_SameNodeIds()
    {
        var first = await NodeIdsAsync(new DemoOptions { Seed = 42 });
        var second = await NodeIdsAsync(new DemoOptions { Seed = 42 });
        var other = await NodeIdsAsync(new DemoOptions { Seed = 43 });
        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task Size_ThousandNodesAndTwoThousandJobs_ListsEverything()
    {
        await using var demo = await DemoServer.StartAsync(new DemoOptions { NodeCount = 1000, ExtraJobCount = 2000 });
        using var http = Client(demo);
        var nodes = await http.GetFromJsonAsync<JsonElement>("/v1/nodes");
        Assert.Equal(1000, nodes.GetArrayLength());
        var jobs = await http.GetFromJsonAsync<JsonElement>("/v1/jobs");
        Assert.Equal(2011, jobs.GetArrayLength());
        var allocations = await http.GetFromJsonAsync<JsonElement>("/v1/allocations?task_states=false");
        // Every generated app job asks for 1..3 allocations; promtail runs on every node.
        Assert.True(allocations.GetArrayLength() > 4000, $"{allocations.GetArrayLength()} allocations");
    }

    [Fact]
    public async Task ErrorRate_One_EveryRequestIsNomads500()
    {
        await using var demo = await DemoServer.StartAsync(new DemoOptions { ErrorRate = 1 });
        using var http = Client(demo);
        var response = await http.GetAsync("/v1/jobs");
        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("No cluster leader", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Latency_Set_EveryAnswerIsDelayedOnTheDemoClock()
    {
        var fake = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UnixEpoch.AddYears(56));
        await using var demo = await DemoServer.StartAsync(new DemoOptions { Latency = TimeSpan.FromSeconds(30), Time = fake });
        using var http = Client(demo);
        var request = http.GetAsync("/v1/status/leader");
        await Task.Delay(300);
        Assert.False(request.IsCompleted, "the answer waits for the simulated latency");
        // Advance until answered: on a loaded machine the request may reach the server after the first advance.
        for (var i = 0; i < 100 && !request.IsCompleted; i++)
        {
            fake.Advance(TimeSpan.FromSeconds(31));
            await Task.WhenAny(request, Task.Delay(100));
        }

        Assert.True((await request).IsSuccessStatusCode);
    }

    [Theory]
    [InlineData(0, 0, 0.0)]
    [InlineData(3, -1, 0.0)]
    [InlineData(3, 0, 1.5)]
    public async Task Validate_OutOfRange_NamesTheKnob(int nodes, int extraJobs, double errorRate)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            DemoServer.StartAsync(new DemoOptions { NodeCount = nodes, ExtraJobCount = extraJobs, ErrorRate = errorRate }));
        Assert.Contains("must be between", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> NodeIdsAsync(DemoOptions options)
    {
        await using var demo = await DemoServer.StartAsync(options);
        using var http = Client(demo);
        var nodes = await http.GetFromJsonAsync<JsonElement>("/v1/nodes");
        return nodes.EnumerateArray().Select(n => n.GetProperty("ID").GetString()!).ToList();
    }

    private static HttpClient Client(DemoServer demo)
    {
        var http = new HttpClient { BaseAddress = demo.NomadAddress };
        http.DefaultRequestHeaders.Add("X-Nomad-Token", demo.Acl.Admin.SecretId);
        return http;
    }
}
