using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace Styx.Demo.Tests.Prometheus;

/// <summary>
/// One Styx.Demo on a fake clock, so the exposition, the stats endpoints and the query API can be compared at the same
/// simulated instant: every allocation runs, then 10 simulated minutes pass so series have history.
/// </summary>
public sealed class PrometheusDemoFixture : IAsyncLifetime
{
    /// <summary>On the 5 s scrape grid, so sample times in answers are predictable.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; } = new(Start);

    public DemoServer Demo { get; private set; } = null!;

    /// <summary>Nomad with the viewer's token; the Prometheus paths need none.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Demo = await DemoServer.StartAsync(new DemoOptions { Time = Time, StartDelay = TimeSpan.FromSeconds(1), HealthyDelay = TimeSpan.FromSeconds(1) });
        Http = new HttpClient { BaseAddress = Demo.NomadAddress };
        Http.DefaultRequestHeaders.Add("X-Nomad-Token", Demo.Acl.Viewer.SecretId);
        for (var i = 0; i < 60; i++)
        {
            Step(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Moves simulated time on and lets the cluster catch up.</summary>
    public void Step(TimeSpan by)
    {
        Time.Advance(by);
        Demo.Advance();
    }

    public long NowSeconds => Time.GetUtcNow().ToUnixTimeSeconds();

    public async Task<JsonElement> GetJsonAsync(string path) => await Http.GetFromJsonAsync<JsonElement>(path);

    /// <summary>A query API answer (any status) and its body.</summary>
    public async Task<(int Status, JsonElement Body)> ApiAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    /// <summary>An instant query at the current simulated time; asserts success and returns <c>data</c>.</summary>
    public async Task<JsonElement> QueryAsync(string query)
    {
        var (status, body) = await ApiAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}");
        Assert.True(status == 200, body.ToString());
        Assert.Equal("success", body.GetProperty("status").GetString());
        return body.GetProperty("data");
    }

    /// <summary>The single sample of a vector answer, as a double.</summary>
    public async Task<double> SingleValueAsync(string query)
    {
        var data = await QueryAsync(query);
        Assert.Equal("vector", data.GetProperty("resultType").GetString());
        var sample = Assert.Single(data.GetProperty("result").EnumerateArray());
        return Number(sample.GetProperty("value")[1].GetString()!);
    }

    public static double Number(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Demo.DisposeAsync();
    }
}
