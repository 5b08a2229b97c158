using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Demo;
using Styx.Testing;
using Styx.Tui.Configuration;
using Styx.Tui.Hosting;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting.Telemetry;

/// <summary>
/// <c>GET /health</c> on a whole server: 503 with the reason until the cluster watcher has synced with Nomad once,
/// 200 <c>ok</c> after. Nomad here is Styx.Demo in an outage (every connection dropped) until the test lifts it.
/// </summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("styx-health-").FullName;
    private readonly HttpClient _http = new();
    private DemoServer _demo = null!;

    public async Task InitializeAsync()
    {
        _demo = await DemoServer.StartAsync(StyxTestServer.QuickDemo);
        _demo.Outage = true;
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _demo.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Health_BeforeTheFirstSync503WithTheReason_After200()
    {
        await using var server = await StartAsync(new Dictionary<string, string?> { ["http:listen"] = "127.0.0.1:0" });
        var health = new Uri($"http://{server.Http!.LocalEndPoint}/health");

        (HttpStatusCode Status, string Body) answer = (0, "");
        await Eventually.True(async ct => (answer = await GetAsync(health, ct)).Body.Contains("unreachable", StringComparison.Ordinal), "/health names Nomad's failure");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
        Assert.StartsWith("waiting for the first Nomad sync: ", answer.Body, StringComparison.Ordinal);
        Assert.Contains($"Nomad at {_demo.NomadAddress.GetLeftPart(UriPartial.Authority)} is unreachable", answer.Body, StringComparison.Ordinal);
        Assert.EndsWith("\n", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', answer.Body.TrimEnd('\n'));

        _demo.Outage = false;
        await Eventually.True(async ct => (answer = await GetAsync(health, ct)).Status == HttpStatusCode.OK, "/health is 200 once the watcher synced");
        Assert.Equal("ok\n", answer.Body);
        Assert.True(server.State.HasSynced);
    }

    [Fact]
    public async Task HttpListen_PortTaken_ConfigurationErrorNamingTheSetting()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var address = (IPEndPoint)taken.LocalEndpoint;

        var ex = await Assert.ThrowsAsync<ConfigurationError>(() => StartAsync(new Dictionary<string, string?> { ["http:listen"] = address.ToString() }));

        Assert.StartsWith($"http:listen: cannot listen on {address} (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("choose a free port", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpListen_NotSet_NoHttpEndpoint()
    {
        await using var server = await StartAsync(new Dictionary<string, string?>());

        Assert.Null(server.Http);
    }

    /// <summary>A server (not <c>--demo</c>) pointed at the test's Styx.Demo with each role's token from STYX_ variables.</summary>
    private async Task<StyxServer> StartAsync(Dictionary<string, string?> settings)
    {
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = _directory,
            ["STYX_NOMAD__TOKENS__VIEWER"] = _demo.Acl.Viewer.SecretId,
            ["STYX_NOMAD__TOKENS__OPERATOR"] = _demo.Acl.Operator.SecretId,
            ["STYX_NOMAD__TOKENS__ADMIN"] = _demo.Acl.Admin.SecretId,
        };
        settings["listen"] = "127.0.0.1:0";
        settings["nomad:addr"] = _demo.NomadAddress.ToString();
        var options = StyxOptionsLoader.Load(settings, environment, null, _directory);
        return await StyxServer.StartAsync(options, environment, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(Uri address, CancellationToken ct)
    {
        using var response = await _http.GetAsync(address, ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }
}
