using System.Net;
using Renci.SshNet;
using Styx.Cluster.Loki;
using Styx.Cluster.Net;
using Styx.Cluster.Nomad;
using Styx.Cluster.Prometheus;
using Styx.Testing;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting.Telemetry;

/// <summary>
/// Issue 14's acceptance: a real Prometheus (Debian package) scrapes Styx's own <c>/metrics</c> every second; after
/// real SSH sessions (OpenSSH and SSH.NET), a login with a key nobody authorized and one refused command, Prometheus's
/// own query API has every series of the contract with the right labels and values.
/// </summary>
public sealed class PrometheusScrapeTests(PrometheusScrapeTests.ScrapedStyx fixture) : IClassFixture<PrometheusScrapeTests.ScrapedStyx>
{
    private readonly StyxTestServer _styx = fixture.Styx;
    private readonly PrometheusServer _prometheus = fixture.Prometheus;

    [Fact]
    public async Task SessionsLoginAndRefusedCommand_EverySeriesInPrometheusWithItsLabels()
    {
        var stranger = await StyxTestServer.NewKeyAsync(_styx.Directory, "stranger");
        var refusedLogin = await _styx.SshAsync(stranger, "jobs");
        Assert.Equal(255, refusedLogin.ExitCode);
        var jobs = await _styx.AsAsync("operator", "jobs");
        Assert.True(jobs.ExitCode == 0, jobs.Stderr);
        var scale = await _styx.AsAsync("viewer", "scale web web 3");
        Assert.Equal(3, scale.ExitCode);
        var metrics = await _styx.AsAsync("viewer", "metrics up");
        Assert.True(metrics.ExitCode == 0, metrics.Stderr);

        // Two sessions kept open while Prometheus scrapes: an exec that follows logs, and a full-screen shell.
        await using var follow = SshClientProcess.Start(_styx.SshArguments(_styx.KeyFiles["admin"], "logs web --follow"));
        using var shellClient = new SshClient(new ConnectionInfo("127.0.0.1", _styx.Server.Ssh.LocalEndPoint.Port, "tester",
            new PrivateKeyAuthenticationMethod("tester", new PrivateKeyFile(_styx.KeyFiles["operator"]))));
        shellClient.Connect();
        using (var shell = shellClient.CreateShellStream("xterm-256color", 100, 30, 0, 0, 64 * 1024))
        {
            var open = await WaitForAsync("styx_sessions_open == 1", s => s.Count == 2, "both open sessions scraped");
            Assert.Equal([("exec", "admin"), ("shell", "operator")], open.Select(s => (s.Labels["kind"], s.Labels["role"])).Order());
            Assert.All(open, s => Assert.Equal(("styx", "styx_sessions_open"), (s.Labels["job"], s.Labels["__name__"])));
        }

        // Six connections got as far as agreeing keys: the stranger, jobs, scale, metrics, follow, the shell.
        await WaitForAsync("styx_ssh_handshakes_total{outcome=\"ok\"} >= 6", s => s.Count == 1, "six handshakes counted");
        var buckets = await WaitForAsync("styx_ssh_handshake_duration_seconds_bucket", s => s.Any(b => b.Labels["le"] == "+Inf" && b.Value >= 6), "the handshakes in the histogram");
        Assert.Contains(buckets, b => b.Labels["le"] == "0.1");
        await WaitForAsync("styx_ssh_auth_failures_total{reason=\"key_not_authorized\"} >= 1", s => s.Count == 1, "the stranger's key counted");

        var commands = await WaitForAsync("styx_commands_total", s => s.Count > 0, "the refused command counted");
        var command = Assert.Single(commands);
        Assert.Equal(("job.scale", "refused", 1.0), (command.Labels["action"], command.Labels["outcome"], command.Value));

        // Nomad: the shared watcher's lists and job reads; Loki: the follow's tail (a WebSocket, 101); Prometheus: the
        // one-shot query of `metrics up`.
        var nomad = await WaitForAsync("styx_upstream_requests_total{upstream=\"nomad\",status=\"200\"}",
            s => s.Any(r => r.Labels["endpoint"] == "/v1/jobs") && s.Any(r => r.Labels["endpoint"] == "/v1/job/:job_id"), "Nomad's requests counted");
        await WaitForAsync("styx_upstream_requests_total{upstream=\"loki\",endpoint=\"/loki/api/v1/tail\",status=\"101\"}", s => s.Count == 1, "Loki's tail counted");
        await WaitForAsync("styx_upstream_requests_total{upstream=\"prometheus\",endpoint=\"/api/v1/query\",status=\"200\"}", s => s.Count == 1, "Prometheus's query counted");

        // Bounded: every endpoint Prometheus holds is a route template (no job name, allocation ID or query string).
        var templates = NomadRoutes.All.Templates.Concat(LokiRoutes.All.Templates).Concat(PrometheusRoutes.All.Templates).Append(UpstreamRoutes.Other).ToHashSet(StringComparer.Ordinal);
        var upstream = await _prometheus.QueryAsync("styx_upstream_requests_total", CancellationToken.None);
        Assert.All(upstream, r => Assert.Contains(r.Labels["endpoint"], templates));
        Assert.All(upstream, r => Assert.Contains(r.Labels["upstream"], new[] { "nomad", "loki", "prometheus" }));

        var age = Assert.Single(await WaitForAsync("styx_cluster_snapshot_age_seconds", s => s.Count == 1, "the snapshot age scraped"));
        Assert.Equal(0, age.Value);

        using var http = new HttpClient();
        using var health = await http.GetAsync(new Uri($"http://{_styx.Server.Http!.LocalEndPoint}/health"));
        Assert.Equal((HttpStatusCode.OK, "ok\n"), (health.StatusCode, await health.Content.ReadAsStringAsync()));

        // Closing both sessions brings the gauge back to zero.
        await follow.KillAsync();
        shellClient.Disconnect();
        await WaitForAsync("sum(styx_sessions_open)", s => s.Count == 1 && s[0].Value == 0, "the closed sessions scraped");
    }

    /// <summary>Asks Prometheus until <paramref name="holds"/> is true of its answer, and returns that answer.</summary>
    private async Task<IReadOnlyList<QueriedSeries>> WaitForAsync(string promql, Func<IReadOnlyList<QueriedSeries>, bool> holds, string what)
    {
        IReadOnlyList<QueriedSeries> answer = [];
        try
        {
            await Eventually.True(async ct => holds(answer = await _prometheus.QueryAsync(promql, ct)), $"{what} ({promql})");
        }
        catch (TimeoutException ex)
        {
            var series = answer.Select(s => "{" + string.Join(",", s.Labels.Select(l => $"{l.Key}=\"{l.Value}\"")) + "} " + s.Value);
            throw new TimeoutException(ex.Message + "; Prometheus's last answer:\n" + string.Join('\n', series), ex);
        }

        return answer;
    }

    /// <summary>One Styx (demo cluster, <c>http:listen</c> on a free port) and one Prometheus scraping its <c>/metrics</c> every second.</summary>
    public sealed class ScrapedStyx : IAsyncLifetime
    {
        internal StyxTestServer Styx { get; private set; } = null!;

        internal PrometheusServer Prometheus { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Styx = await StyxTestServer.StartAsync(settings: new Dictionary<string, string?> { ["http:listen"] = "127.0.0.1:0" });
            Prometheus = await PrometheusServer.StartAsync([new PrometheusScrapeTarget("styx", new Uri($"http://{Styx.Server.Http!.LocalEndPoint}/metrics"))]);
        }

        public async Task DisposeAsync()
        {
            if (Prometheus is not null)
            {
                await Prometheus.DisposeAsync();
            }

            await Styx.DisposeAsync();
        }
    }
}
