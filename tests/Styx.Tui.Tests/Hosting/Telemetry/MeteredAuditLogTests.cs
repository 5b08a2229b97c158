using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Tui.Hosting;
using Styx.Tui.Hosting.Telemetry;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting.Telemetry;

/// <summary>
/// Commands and sessions are counted from the audit records as they are written: each command once, whatever its
/// outcome, with the role checks left where they are (ClusterCommands); anything else written adds no label value.
/// </summary>
public sealed class MeteredAuditLogTests : IDisposable
{
    private static readonly Caller Viewer = new("Vera Viewer", "SHA256:viewer", Role.Viewer, IPAddress.Loopback);
    private static readonly Caller Operator = new("Otto Operator", "SHA256:operator", Role.Operator, IPAddress.Loopback);

    private readonly string _directory = Directory.CreateTempSubdirectory("styx-metered-audit-").FullName;
    private readonly SerilogAuditLog _file;
    private readonly StyxMetrics _metrics = new();
    private readonly MeteredAuditLog _sut;

    public MeteredAuditLogTests()
    {
        _file = new SerilogAuditLog(Path.Combine(_directory, "audit.jsonl"));
        _sut = new MeteredAuditLog(_file, _metrics);
    }

    [Fact]
    public async Task Write_ClusterCommandsRefusesAndFails_EachCountedOnceAndRecorded()
    {
        // Nomad is not there: a refusal needs no request; the operator's scale is allowed, tried, and fails.
        using var nomad = new NomadClientSet(new NomadClientOptions { Address = new Uri($"http://127.0.0.1:{ClosedPort()}"), RequestTimeout = TimeSpan.FromSeconds(5) }, new Dictionary<Role, string?>());
        var commands = new ClusterCommands(nomad, PlatformCatalog.Default(), _sut, new ClusterCommandsOptions(), TimeProvider.System, NullLogger<ClusterCommands>.Instance);

        var refused = await commands.ScaleAsync(Viewer, "web", "web", "3", CancellationToken.None);
        var failed = await commands.ScaleAsync(Operator, "web", "web", "3", CancellationToken.None);

        Assert.Equal((CommandOutcome.Refused, CommandOutcome.Failed), (refused.Outcome, failed.Outcome));
        var samples = await MetricsPage.SamplesAsync(_metrics);
        Assert.Equal(1, samples["styx_commands_total{action=\"job.scale\",outcome=\"refused\"}"]);
        Assert.Equal(1, samples["styx_commands_total{action=\"job.scale\",outcome=\"failed\"}"]);
        Assert.DoesNotContain(samples.Keys, k => k.Contains("outcome=\"succeeded\"", StringComparison.Ordinal));
        Assert.Equal(["refused", "failed"], File.ReadAllLines(_file.FilePath).Select(l => l.Contains("\"outcome\":\"refused\"", StringComparison.Ordinal) ? "refused" : "failed"));
    }

    [Fact]
    public async Task Write_SessionsOpenAndClose_MoveTheGaugeByKindAndRole()
    {
        _sut.Write(Record(Operator, StyxSessionHandler.SessionOpenAction, "shell"));
        _sut.Write(Record(Operator, StyxSessionHandler.SessionOpenAction, "shell"));
        _sut.Write(Record(Viewer, StyxSessionHandler.SessionOpenAction, "exec"));
        _sut.Write(Record(Operator, StyxSessionHandler.SessionCloseAction, "shell"));

        var samples = await MetricsPage.SamplesAsync(_metrics);
        Assert.Equal(1, samples["styx_sessions_open{kind=\"shell\",role=\"operator\"}"]);
        Assert.Equal(1, samples["styx_sessions_open{kind=\"exec\",role=\"viewer\"}"]);
        Assert.Equal(0, samples["styx_sessions_open{kind=\"shell\",role=\"admin\"}"]);
        Assert.DoesNotContain(samples.Keys, k => k.StartsWith("styx_commands_total", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Write_RecordsOutsideTheKnownSets_RecordedButAddNoLabelValue()
    {
        _sut.Write(Record(Viewer, "login.refused", "ssh login", AuditOutcome.Refused));
        _sut.Write(Record(Viewer, "job.scale\"} 1e9", "web"));
        _sut.Write(Record(Viewer, StyxSessionHandler.SessionOpenAction, "tunnel"));
        _sut.Write(Record(Viewer, StyxSessionHandler.SessionOpenAction, "exec") with { Role = "root" });

        Assert.Equal(4, _file.Recent(10).Count);
        var text = await MetricsPage.TextAsync(_metrics);
        Assert.DoesNotContain("styx_commands_total{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tunnel", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root", text, StringComparison.Ordinal);
        Assert.All(MetricsPage.Samples(text).Where(s => s.Key.StartsWith("styx_sessions_open", StringComparison.Ordinal)), s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public void Written_SubscribedThroughTheDecorator_SeesEveryRecord()
    {
        var seen = new List<string>();
        void Handler(AuditRecord r) => seen.Add(r.Action);
        _sut.Written += Handler;
        _sut.Write(Record(Operator, "job.stop", "web"));
        _sut.Written -= Handler;
        _sut.Write(Record(Operator, "job.start", "web"));

        Assert.Equal(["job.stop"], seen);
    }

    private static AuditRecord Record(Caller caller, string action, string target, AuditOutcome outcome = AuditOutcome.Succeeded) =>
        new(DateTimeOffset.UnixEpoch, caller.User, caller.KeyFingerprint, caller.Role.ToName(), "127.0.0.1", action, target, ImmutableDictionary<string, string>.Empty, outcome, null);

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _file.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
