using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Logs;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.State;
using Styx.Tui;
using Styx.Tui.Commands;

namespace Styx.Fuzz;

/// <summary>
/// <c>ssh HOST COMMAND</c> as <see cref="ExecCommandRunner"/> handles it, without a server: word splitting, options,
/// argument counts, role checks and argument validation, down to the first Nomad request, which fails at once (the
/// transport refuses every request) as an unreachable Nomad would. Every input ends in one of the documented exit
/// statuses; any exception is a crash. The first byte picks the caller's role.
/// </summary>
internal static class ExecCommandTarget
{
    private static readonly NomadClientSet s_clients = new(
        new NomadClientOptions { Address = new Uri("http://127.0.0.1:4646") }, new Dictionary<Role, string?>(), new Unreachable());

    private static readonly ClusterState s_state = new(s_clients.For(Role.Viewer), new ClusterStateOptions(), new FastForwardTime(), NullLogger<ClusterState>.Instance);
    private static readonly LogReader s_logs = new(s_state, new LogTails(s_clients.For(Role.Viewer).Streams, new LogTailOptions(), new FastForwardTime(), NullLoggerFactory.Instance), s_clients.For(Role.Viewer).Streams, null, null, new FastForwardTime(), NullLogger<LogReader>.Instance);

    /// <summary>A Prometheus that refuses every request, as one that is down would: <c>metrics</c> ends in exit 1.</summary>
    private static readonly MetricWatches s_metrics = new(
        new Styx.Cluster.Prometheus.PrometheusClient(new HttpClient(new Unreachable()) { BaseAddress = new Uri("http://127.0.0.1:9090") }, new FastForwardTime()),
        new FastForwardTime(), NullLoggerFactory.Instance);

    private static readonly MetricCatalog s_metricCatalog = MetricCatalog.Default();

    private static readonly ClusterCommands s_commands = new(s_clients, PlatformCatalog.Default(), new NoAudit(), new ClusterCommandsOptions(), new FastForwardTime(), NullLogger<ClusterCommands>.Instance);

    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var role = (Role)(data[0] % 3);
        var caller = new Caller("fuzz", "SHA256:fuzz", role, IPAddress.Loopback);
        var context = new SessionContext(s_state, s_commands, PlatformCatalog.Default(), caller, "fuzz", Demo: false, new FastForwardTime(), s_logs, s_metrics, s_metricCatalog);
        var runner = new ExecCommandRunner(context, new StringWriter(), new StringWriter());
        var status = runner.RunAsync(Encoding.UTF8.GetString(data, 1, data.Length - 1), CancellationToken.None).GetAwaiter().GetResult();
        if (status is < ExitStatus.Ok or > ExitStatus.NotFound)
        {
            throw new InvalidOperationException($"exit status {status} is not one of the documented ones");
        }
    }

    public static IEnumerable<byte[]> Seeds() =>
        new (Role Role, string Command)[]
        {
            (Role.Viewer, "jobs --json"),
            (Role.Viewer, "whoami"),
            (Role.Viewer, "metrics 'sum by (host) (rate(nomad_client_host_cpu_total[5m]))' --range 1h --step 30s"),
            (Role.Viewer, "metrics up{job=\"a\\\"b\"} --json --time 2026-01-02T15:04:05Z"),
            (Role.Operator, "scale web api 3"),
            (Role.Operator, "stop \"my job\" --purge"),
            (Role.Operator, "restart 5a8c"),
            (Role.Admin, "eligibility mac-mini-1 off"),
            (Role.Admin, "service stop Traefik --json"),
            (Role.Admin, "drain mac-mini-2 --disable"),
            (Role.Viewer, "logs web --task web --since 15m --limit 50 --grep 'GET /api' --json"),
            (Role.Viewer, "logs 5a8c --stderr -t --follow"),
            (Role.Viewer, "query '{job=\"web\"} |= \"error\"' --since=1h --limit=10"),
        }.Select(s => (byte[])[(byte)s.Role, .. Encoding.UTF8.GetBytes(s.Command)]);

    /// <summary>Nomad that cannot be reached: every request fails before it leaves, as a refused connection does.</summary>
    private sealed class Unreachable : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromException<HttpResponseMessage>(new HttpRequestException("connection refused (fuzz)"));
    }

    /// <summary>Time that moves a minute at every reading, so a wait for the first snapshot gives up at once.</summary>
    private sealed class FastForwardTime : TimeProvider
    {
        private long _minutes;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.UnixEpoch.AddMinutes(Interlocked.Increment(ref _minutes));
    }

    private sealed class NoAudit : IAuditLog
    {
        public event Action<AuditRecord>? Written;

        public void Write(AuditRecord record) => Written?.Invoke(record);

        public IReadOnlyList<AuditRecord> Recent(int count) => [];
    }
}
