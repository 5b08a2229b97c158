using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Logs;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

/// <summary>
/// <c>query</c> and <c>metrics</c> on a server without Loki or Prometheus (no <c>--loki-addr</c> or
/// <c>--prometheus-addr</c>; the demo always wires its own, so these run the command without a server): a cluster error
/// that says how to configure the missing source.
/// </summary>
public sealed class ExecWithoutLokiOrPrometheusTests
{
    [Theory]
    [InlineData("query '{job=\"web\"}' --since 5m", "query: Loki is not configured: start Styx with --loki-addr URL (or loki:addr in styx.json)\n")]
    [InlineData("metrics up --range 1h", "metrics: Prometheus is not configured: start Styx with --prometheus-addr URL (or prometheus:addr in styx.json)\n")]
    public async Task WithoutTheSource_ClusterErrorSayingHowToConfigureIt(string command, string expected)
    {
        using var nomad = new NomadClientSet(new NomadClientOptions { Address = new Uri("http://127.0.0.1:9") }, new Dictionary<Role, string?>(), new Refusing());
        var state = new ClusterState(nomad.For(Role.Viewer), new ClusterStateOptions(), TimeProvider.System, NullLogger<ClusterState>.Instance);
        await using var tails = new LogTails(nomad.For(Role.Viewer).Streams, new LogTailOptions(), TimeProvider.System, NullLoggerFactory.Instance);
        await using var metrics = new MetricWatches(null, TimeProvider.System, NullLoggerFactory.Instance);
        var logs = new LogReader(state, tails, nomad.For(Role.Viewer).Streams, null, null, TimeProvider.System, NullLogger<LogReader>.Instance);
        var commands = new ClusterCommands(nomad, PlatformCatalog.Default(), new NoAudit(), new ClusterCommandsOptions(), TimeProvider.System, NullLogger<ClusterCommands>.Instance);
        var context = new SessionContext(state, commands, PlatformCatalog.Default(), new Caller("vera", "SHA256:test", Role.Viewer, IPAddress.Loopback), "test", Demo: false, TimeProvider.System, logs, metrics, MetricCatalog.Default());
        using var output = new StringWriter();
        using var error = new StringWriter();

        var status = await new ExecCommandRunner(context, output, error).RunAsync(command, CancellationToken.None);

        Assert.Equal(ExitStatus.ClusterError, status);
        Assert.Equal(expected, error.ToString());
        Assert.Equal("", output.ToString());
    }

    private sealed class Refusing : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused (test)"));
    }

    private sealed class NoAudit : IAuditLog
    {
        public event Action<AuditRecord>? Written;

        public void Write(AuditRecord record) => Written?.Invoke(record);

        public IReadOnlyList<AuditRecord> Recent(int count) => [];
    }
}
