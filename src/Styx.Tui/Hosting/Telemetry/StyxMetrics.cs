using Prometheus;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Net;
using Styx.Ssh.Authentication;
using Styx.Ssh.Server;

namespace Styx.Tui.Hosting.Telemetry;

/// <summary>
/// Styx's own metrics, in one registry per server (never prometheus-net's static default one: several servers run
/// in one test process, and nothing is global to the process). Every label value comes from a bounded set: session
/// kinds, role names, enum members, action names and route templates, never text a client or Nomad chose.
/// </summary>
internal sealed class StyxMetrics : IHandshakeObserver, IUpstreamObserver
{
    /// <summary>Loopback handshakes take a few milliseconds, a slow link a second; the top one is the login grace time.</summary>
    private static readonly double[] HandshakeBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly CollectorRegistry _registry = Metrics.NewCustomRegistry();
    private readonly Gauge _sessionsOpen;
    private readonly Counter _handshakes;
    private readonly Histogram _handshakeDuration;
    private readonly Counter _authFailures;
    private readonly Counter _commands;
    private readonly Counter _upstreamRequests;
    private readonly Gauge _snapshotAge;

    public StyxMetrics()
    {
        var factory = Metrics.WithCustomRegistry(_registry);
        _sessionsOpen = factory.CreateGauge("styx_sessions_open", "SSH sessions open now, by kind (shell or exec) and the caller's role.", "kind", "role");
        _handshakes = factory.CreateCounter("styx_ssh_handshakes_total", "SSH handshakes (version and first key exchange) by outcome: ok, or failed before keys were agreed.", "outcome");
        _handshakeDuration = factory.CreateHistogram("styx_ssh_handshake_duration_seconds", "Time from the accepted TCP connection to the first key exchange done, completed or not.",
            new HistogramConfiguration { Buckets = HandshakeBuckets });
        _authFailures = factory.CreateCounter("styx_ssh_auth_failures_total", "Refused SSH authentication attempts by reason.", "reason");
        _commands = factory.CreateCounter("styx_commands_total", "Audited cluster commands by action and outcome (succeeded, refused, failed), one per audit record.", "action", "outcome");
        _upstreamRequests = factory.CreateCounter("styx_upstream_requests_total",
            "HTTP requests to Nomad, Loki and Prometheus by route template and status (the HTTP code; error: no answer; cancelled: Styx stopped waiting).",
            "upstream", "endpoint", "status");
        _snapshotAge = factory.CreateGauge("styx_cluster_snapshot_age_seconds",
            "How out of date the shared cluster picture may be: 0 while every Nomad watch is current, else seconds since it was last known current.");

        // The series a dashboard expects from the start, at zero, so rates and sums exist before the first event.
        foreach (var kind in SessionKinds)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                _sessionsOpen.WithLabels(kind, role.ToName()).Set(0);
            }
        }

        _handshakes.WithLabels(HandshakeOk).IncTo(0);
        _handshakes.WithLabels(HandshakeFailed).IncTo(0);
        foreach (var reason in Enum.GetValues<AuthenticationFailureReason>())
        {
            _authFailures.WithLabels(ReasonName(reason)).IncTo(0);
        }
    }

    public const string HandshakeOk = "ok";
    public const string HandshakeFailed = "failed";

    /// <summary>The session kinds <see cref="StyxSessionHandler"/> audits: a shell (full-screen app or banner) or an exec.</summary>
    public static readonly IReadOnlyList<string> SessionKinds = ["shell", "exec"];

    /// <summary>Reads the snapshot's age at every scrape, so the gauge is as of the scrape, not of the last change.</summary>
    public void ReadSnapshotAgeFrom(Func<TimeSpan> age) => _registry.AddBeforeCollectCallback(() => _snapshotAge.Set(age().TotalSeconds));

    public void SessionOpened(string kind, Role role) => _sessionsOpen.WithLabels(kind, role.ToName()).Inc();

    public void SessionClosed(string kind, Role role) => _sessionsOpen.WithLabels(kind, role.ToName()).Dec();

    public void OnHandshake(TimeSpan elapsed, bool succeeded)
    {
        _handshakes.WithLabels(succeeded ? HandshakeOk : HandshakeFailed).Inc();
        _handshakeDuration.Observe(elapsed.TotalSeconds);
    }

    public void AuthenticationFailed(AuthenticationFailureReason reason) => _authFailures.WithLabels(ReasonName(reason)).Inc();

    public void CommandEnded(string action, AuditOutcome outcome) => _commands.WithLabels(action, OutcomeName(outcome)).Inc();

    public void OnRequest(string upstream, string endpoint, string status) => _upstreamRequests.WithLabels(upstream, endpoint, status).Inc();

    /// <summary>Writes every series in Prometheus's text exposition format (version 0.0.4).</summary>
    public Task ExportAsync(Stream destination, CancellationToken cancellationToken) => _registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    /// <summary>The reason label: the enum member in snake case, as Prometheus label values usually are.</summary>
    public static string ReasonName(AuthenticationFailureReason reason) => reason switch
    {
        AuthenticationFailureReason.KeyNotAuthorized => "key_not_authorized",
        AuthenticationFailureReason.SignatureNotVerified => "signature_not_verified",
        AuthenticationFailureReason.TooManyFailures => "too_many_failures",
        _ => "other",
    };

    /// <summary>The outcome label: the audit log's own word for it (<c>succeeded</c>, <c>refused</c>, <c>failed</c>).</summary>
    public static string OutcomeName(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => "succeeded",
        AuditOutcome.Refused => "refused",
        AuditOutcome.Failed => "failed",
        _ => "other",
    };
}
