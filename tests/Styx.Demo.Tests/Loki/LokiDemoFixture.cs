using System.Net.Http.Json;
using System.Text.Json;
using Styx.Testing;

namespace Styx.Demo.Tests.Loki;

/// <summary>One Styx.Demo for a test class, quick timings, started once every allocation runs; HTTP clients for Loki and Nomad.</summary>
public sealed class LokiDemoFixture : IAsyncLifetime
{
    public DemoServer Demo { get; private set; } = null!;

    public HttpClient Loki { get; private set; } = null!;

    /// <summary>Nomad with the viewer's token.</summary>
    public HttpClient Nomad { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Demo = await DemoServer.StartAsync(new DemoOptions { StartDelay = TimeSpan.FromMilliseconds(100), HealthyDelay = TimeSpan.FromMilliseconds(100), Tick = TimeSpan.FromMilliseconds(50) });
        Loki = new HttpClient { BaseAddress = Demo.LokiAddress };
        Nomad = new HttpClient { BaseAddress = Demo.NomadAddress };
        Nomad.DefaultRequestHeaders.Add("X-Nomad-Token", Demo.Acl.Viewer.SecretId);
        await Eventually.True(async ct => (await Nomad.GetFromJsonAsync<JsonElement>("/v1/allocations?namespace=*", ct)).EnumerateArray().All(a => a.GetProperty("ClientStatus").GetString() == "running"),
            "every allocation runs");
    }

    /// <summary>The ID of the first running allocation of a job in the default namespace.</summary>
    public async Task<string> AllocationAsync(string job) =>
        (await Nomad.GetFromJsonAsync<JsonElement>($"/v1/job/{job}/allocations"))
        .EnumerateArray().First(a => a.GetProperty("ClientStatus").GetString() == "running").GetProperty("ID").GetString()!;

    /// <summary>query_range over the last hour, oldest first.</summary>
    public async Task<JsonElement> QueryRangeAsync(string query, int limit = 5000, string direction = "forward")
    {
        var response = await Loki.GetAsync($"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&limit={limit}&direction={direction}");
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
    }

    /// <summary>Every (timestamp, line) of a query, in the order Loki sent them.</summary>
    public async Task<List<(long Ns, string Line)>> LinesAsync(string query, string direction = "forward") =>
        [.. (await QueryRangeAsync(query, 5000, direction)).GetProperty("result").EnumerateArray()
            .SelectMany(s => s.GetProperty("values").EnumerateArray())
            .Select(v => (long.Parse(v[0].GetString()!, System.Globalization.CultureInfo.InvariantCulture), v[1].GetString()!))];

    public async Task DisposeAsync()
    {
        Loki.Dispose();
        Nomad.Dispose();
        await Demo.DisposeAsync();
    }
}
