using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Styx.Demo.Loki;
using Styx.Demo.Model;
using Styx.Demo.Nomad;
using Styx.Demo.Prometheus;

namespace Styx.Demo;

/// <summary>
/// The simulated Styx cluster serving the Nomad, Loki and Prometheus HTTP APIs on loopback (DESIGN.md §7). Start one per test or per
/// <c>--demo</c> run; dispose it to stop the listener and the clock.
/// </summary>
public sealed class DemoServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _faults;
    private readonly LokiTails _tails;
    private Task _clock = Task.CompletedTask;
    private volatile bool _outage;
    private CancellationTokenSource _connections = new();

    private DemoServer(WebApplication app, DemoCluster cluster, DemoAcl acl)
    {
        _app = app;
        Cluster = cluster;
        Acl = acl;
        _faults = new Random(cluster.Options.Seed + 1);
        _tails = new LokiTails(Record);
    }

    /// <summary>Set on a request the log already holds (a tail is recorded when its socket opens, not when it ends).</summary>
    private const string RecordedItem = "styx.demo.recorded";

    /// <summary>Base address of the Nomad API, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri NomadAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Base address of the Loki API (the same host as Nomad: paths start with <c>/loki/</c>).</summary>
    public Uri LokiAddress => NomadAddress;

    /// <summary>
    /// Base address of the stand-in Prometheus (same host: <c>/api/v1/…</c>, <c>/-/ready</c>); Nomad's own exposition is
    /// <c>/v1/metrics?format=prometheus</c> and Traefik's <c>/metrics</c>.
    /// </summary>
    public Uri PrometheusAddress => NomadAddress;

    /// <summary>Loki tail WebSockets open now.</summary>
    public int OpenLokiTails => _tails.Open;

    /// <summary>
    /// Closes every open Loki tail WebSocket from the server side (close status 1001), as a Loki restart would, so tests
    /// can prove that Styx reconnects without losing or repeating a line.
    /// </summary>
    public void CloseLokiTails() => _tails.CloseAll();

    /// <summary>The ACL tokens per Styx role.</summary>
    public DemoAcl Acl { get; }

    /// <summary>Every request answered, for tests that count traffic.</summary>
    public RequestLog Requests { get; } = new();

    /// <summary>
    /// While true every connection is dropped without an answer, as when the Nomad servers are gone; turning it on
    /// also drops the requests in flight (blocking queries, streams).
    /// </summary>
    public bool Outage
    {
        get => _outage;
        set
        {
            _outage = value;
            if (value)
            {
                var dropped = Interlocked.Exchange(ref _connections, new CancellationTokenSource());
                dropped.Cancel();
                dropped.Dispose();
            }
        }
    }

    /// <summary>
    /// A fault injected into every read (GET) answer while set, streams excepted; <see cref="FaultPathPrefix"/> narrows
    /// it to some paths. Tests drive Styx's watchers through each fault and back to health by setting it and clearing it.
    /// </summary>
    public DemoFault Fault { get; set; }

    /// <summary>Only paths starting with this get <see cref="Fault"/> (e.g. <c>/v1/job/</c>: job definitions only); null for all.</summary>
    public string? FaultPathPrefix { get; set; }

    internal DemoCluster Cluster { get; }

    public DemoOptions Options => Cluster.Options;

    /// <summary>Starts the simulated cluster on 127.0.0.1 (port 0 picks a free one).</summary>
    public static async Task<DemoServer> StartAsync(DemoOptions options, ILoggerFactory? loggerFactory = null, int port = 0, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var cluster = new DemoCluster(options);
        DefaultCluster.Populate(cluster);
        var acl = new DemoAcl(options.AclEnabled);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        var server = new DemoServer(app, cluster, acl);
        app.Use(server.AnswerAsync);
        app.UseWebSockets();
        new NomadEndpoints(cluster, acl).Map(app);
        new LokiEndpoints(cluster, server._tails).Map(app);
        new PrometheusEndpoints(cluster).Map(app);
        if (options.LogBurstJob is { } burstJob)
        {
            server.StartLogBurst(burstJob, options.LogBurstLinesPerSecond);
        }
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.NomadAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        server._clock = server.RunClockAsync(server._stop.Token);
        return server;
    }

    /// <summary>Moves simulated time forward one step now (tests use it with a fake time provider).</summary>
    public void Advance() => Cluster.Advance();

    /// <summary>
    /// Starts a burst of <paramref name="linesPerSecond"/> stdout lines per simulated second, spread over the running
    /// allocations of the job (their first task). Each line carries a contiguous sequence number per allocation and task
    /// (<c>burst seq=N alloc=…</c>), so a consumer can prove that no line was lost. Both Nomad and Loki serve them.
    /// </summary>
    public void StartLogBurst(string jobId, int linesPerSecond, string @namespace = DemoNamespace.Default) =>
        Cluster.Logs.StartBurst(new NamespacedId(@namespace, jobId), linesPerSecond);

    public void StopLogBurst(string jobId, string @namespace = DemoNamespace.Default) =>
        Cluster.Logs.StopBurst(new NamespacedId(@namespace, jobId));

    /// <summary>
    /// Writes an exact line to a task's stdout or stderr, stamped now (for tests: both the Nomad log endpoint and Loki
    /// serve it). The task must have started; <paramref name="allocationId"/> is the full ID.
    /// </summary>
    /// <returns>The line's timestamp in Unix nanoseconds and its byte offset in the Nomad log file.</returns>
    public (long TimestampNs, long Offset) AppendLogLine(string allocationId, string task, bool stderr, string line)
    {
        var written = Cluster.Logs.Append(allocationId, task, stderr, line, Cluster.Now);
        return (written.TimestampNs, written.Offset);
    }

    /// <summary>The outer middleware: request log, outage, latency, injected errors and Nomad's or Loki's text/plain errors.</summary>
    private async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        var started = Cluster.Now;
        try
        {
            if (_outage)
            {
                context.Abort();
                return;
            }

            using var dropOnOutage = Volatile.Read(ref _connections).Token.Register(context.Abort);

            if (Options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(Options.Latency, Cluster.Time, context.RequestAborted).ConfigureAwait(false);
            }

            bool fail;
            lock (_faults)
            {
                fail = Options.ErrorRate > 0 && _faults.NextDouble() < Options.ErrorRate;
            }

            var loki = IsLoki(context);
            if (fail)
            {
                // What each answers when its backend is in trouble: Nomad without a leader, Loki without enough ingesters.
                await NomadResponses.TextErrorAsync(context, 500, loki ? "too many unhealthy instances in the ring" : "No cluster leader").ConfigureAwait(false);
                return;
            }

            try
            {
                var fault = Fault;
                if (fault != DemoFault.None && FaultInjection.Applies(context, FaultPathPrefix))
                {
                    await FaultInjection.AnswerAsync(context, fault, next, Cluster.Time, _stop.Token).ConfigureAwait(false);
                    return;
                }

                await next(context).ConfigureAwait(false);
                // Loki's router answers 405 with no body; Nomad's with a text.
                if (context.Response.StatusCode == 405 && !context.Response.HasStarted && !loki)
                {
                    await NomadResponses.TextErrorAsync(context, 405, "Invalid method").ConfigureAwait(false);
                }
            }
            catch (DemoApiException ex) when (!context.Response.HasStarted)
            {
                await NomadResponses.TextErrorAsync(context, ex.Status, ex.Message).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested || _stop.IsCancellationRequested)
        {
            // The client hung up mid-request (a cancelled blocking query): nothing to answer.
        }
        finally
        {
            if (!context.Items.ContainsKey(RecordedItem))
            {
                Record(context, started, _outage ? 0 : context.Response.StatusCode);
            }
        }
    }

    private static bool IsLoki(HttpContext context) =>
        context.Request.Path.StartsWithSegments(LokiEndpoints.PathPrefix.TrimEnd('/'), StringComparison.Ordinal)
        || context.Request.Path.Equals("/ready", StringComparison.Ordinal);

    /// <summary>A tail as soon as its WebSocket opens (101), so tests can count the tails open now.</summary>
    private void Record(HttpContext context)
    {
        context.Items[RecordedItem] = true;
        Record(context, Cluster.Now, StatusCodes.Status101SwitchingProtocols);
    }

    private void Record(HttpContext context, DateTimeOffset started, int status) =>
        Requests.Add(new RequestRecord(
            started,
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Items.TryGetValue(NomadEndpoints.TokenItem, out var token) ? token as string ?? "" : "",
            status));

    private async Task RunClockAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.Tick, Cluster.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                Cluster.Advance();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _tails.CloseAll();
        _connections.Dispose();
        await _clock.ConfigureAwait(false);
        await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
