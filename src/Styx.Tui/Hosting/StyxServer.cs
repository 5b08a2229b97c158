using Microsoft.Extensions.Logging;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;
using Styx.Cluster.Metrics;
using Styx.Cluster.Nomad;
using Styx.Cluster.Platform;
using Styx.Cluster.Prometheus;
using Styx.Cluster.State;
using Styx.Demo;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Server;
using Styx.Tui.Access;
using Styx.Tui.Configuration;
using Styx.Tui.Hosting.Telemetry;

namespace Styx.Tui.Hosting;

/// <summary>
/// The composition root of <c>styx-tui serve</c>: one ClusterState and one ClusterCommands for the whole server,
/// per-role Nomad clients, the audit log, the host key, the keys file, and the SSH server handing each session to
/// <see cref="StyxSessionHandler"/>. With <c>--demo</c> it also owns the simulated cluster; with <c>http:listen</c>, the
/// HTTP endpoint serving <c>/health</c> and <c>/metrics</c> from this server's own metrics registry.
/// <see cref="ShutdownAsync"/> is the graceful stop (sessions told and closed, the audit log complete);
/// <see cref="DisposeAsync"/> alone cuts them.
/// </summary>
internal sealed class StyxServer : IAsyncDisposable
{
    /// <summary>
    /// How long sessions get to end by themselves when the server stops, before they are cut. Sessions of clients that
    /// answer end in milliseconds; this bounds the ones that do not (a laptop asleep). Styx promises exit within 5 s
    /// (the Nomad job's kill_timeout is 10 s, after which Nomad kills it): the rest is for <see cref="CutWait"/>, the
    /// disposal and the process's own exit on a busy machine.
    /// </summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3.5);

    /// <summary>How long sessions that had to be cut may take to go before the server exits without them.</summary>
    private static readonly TimeSpan CutWait = TimeSpan.FromMilliseconds(500);

    private readonly List<IAsyncDisposable> _owned = [];
    private readonly List<IDisposable> _disposables = [];
    private int _disposed;

    /// <summary>Set when sessions ignored even the cut: disposal then does not wait for the SSH server again.</summary>
    private bool _sshAbandoned;
    private TimeProvider _time = TimeProvider.System;
    private ILogger _logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private StyxServer()
    {
    }

    public required SshServer Ssh { get; init; }

    public required Ed25519HostKey HostKey { get; init; }

    public required bool HostKeyCreated { get; init; }

    public required AuthorizedKeysFile Keys { get; init; }

    public required SerilogAuditLog Audit { get; init; }

    /// <summary>Every session's host: the stop notice, and the sessions still open.</summary>
    public required StyxSessionHandler Sessions { get; init; }

    public required Uri NomadAddress { get; init; }

    public required ClusterState State { get; init; }

    public required ClusterCommands Commands { get; init; }

    /// <summary>The log reader and, behind it, the shared upstream tails (tests count them).</summary>
    public required LogReader Logs { get; init; }

    public required PlatformCatalog Catalog { get; init; }

    /// <summary>The shared Prometheus queries of every session (tests count <see cref="MetricWatches.OpenQueries"/>).</summary>
    public required MetricWatches Metrics { get; init; }

    public required MetricCatalog MetricCatalog { get; init; }

    /// <summary>This server's metrics, in its own registry (what <c>/metrics</c> serves).</summary>
    public required StyxMetrics Telemetry { get; init; }

    /// <summary>The <c>/health</c> and <c>/metrics</c> endpoint, when <c>http:listen</c> is set.</summary>
    public HttpEndpoint? Http { get; private set; }

    /// <summary>Roles that fall back to the default Nomad token, said at start (null when every role has its own).</summary>
    public string? TokenWarning { get; init; }

    /// <summary>The simulated cluster in demo mode (tests read its request log).</summary>
    public DemoServer? Demo { get; init; }

    /// <summary>The key file created for the demo, when the user had none.</summary>
    public string? DemoIdentity { get; init; }

    /// <exception cref="ConfigurationError">A setting is unusable; the message names it.</exception>
    /// <param name="extraScreens">More <c>:</c> commands for the full-screen app (tests add one that fails on purpose).</param>
    /// <param name="demoTimings">With <c>--demo</c>: the simulated cluster's timings and clock (tests pass quick ones).</param>
    public static async Task<StyxServer> StartAsync(StyxOptions options, IReadOnlyDictionary<string, string?> environment, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken, IReadOnlyDictionary<string, Func<Screens.Screen>>? extraScreens = null, DemoOptions? demoTimings = null)
    {
        SessionDriver.ProcessSettings.Apply();
        NomadClientOptions nomad;
        try
        {
            nomad = NomadClientOptions.FromEnvironment(environment);
        }
        catch (FormatException ex)
        {
            throw new ConfigurationError(ex.Message);
        }

        nomad = nomad with
        {
            Address = options.Nomad.Address ?? nomad.Address,
            Namespace = options.Nomad.Namespace ?? nomad.Namespace,
            Region = options.Nomad.Region ?? nomad.Region,
            CaCertPath = options.Nomad.CaCert ?? nomad.CaCertPath,
            ClientCertPath = options.Nomad.ClientCert ?? nomad.ClientCertPath,
            ClientKeyPath = options.Nomad.ClientKey ?? nomad.ClientKeyPath,
            SkipVerify = options.Nomad.SkipVerify || nomad.SkipVerify,
            RequestTimeout = options.Nomad.RequestTimeout,
        };
        IReadOnlyDictionary<Role, string?> tokens = new Dictionary<Role, string?>
        {
            [Role.Viewer] = options.Nomad.ViewerToken,
            [Role.Operator] = options.Nomad.OperatorToken,
            [Role.Admin] = options.Nomad.AdminToken,
        };

        PlatformCatalog catalog;
        try
        {
            catalog = options.PlatformCatalogPath is { } path ? PlatformCatalog.Parse(File.OpenRead(path), path) : PlatformCatalog.Default();
        }
        catch (Exception ex) when (ex is IOException or FormatException or InvalidDataException)
        {
            throw new ConfigurationError("platformCatalog: " + ex.Message);
        }

        MetricCatalog metricCatalog;
        try
        {
            metricCatalog = options.MetricCatalogPath is { } path ? ParseMetricCatalog(path) : MetricCatalog.Default();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ConfigurationError("metrics:catalog: " + ex.Message);
        }

        (Ed25519HostKey Key, bool Created) hostKey;
        try
        {
            hostKey = OpenSshKeyFile.LoadOrCreate(options.HostKeyPath);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationError("hostKey: " + ex.Message);
        }

        DemoServer? demo = null;
        string? demoIdentity = null;
        var lokiAddress = options.LokiAddress;
        var prometheusAddress = options.PrometheusAddress;
        if (options.Demo)
        {
            demo = await DemoBootstrap.StartClusterAsync(options.DemoCluster, demoTimings, cancellationToken).ConfigureAwait(false);
            nomad = nomad with { Address = demo.NomadAddress, Token = null };
            lokiAddress = demo.LokiAddress;
            prometheusAddress = demo.PrometheusAddress;
            tokens = DemoBootstrap.Tokens(demo);
            demoIdentity = DemoBootstrap.PrepareKeys(options.AuthorizedKeysPath, environment.GetValueOrDefault("HOME") ?? "", loggers.CreateLogger("styx.demo"));
        }

        AuthorizedKeysFile keys;
        try
        {
            keys = new AuthorizedKeysFile(options.AuthorizedKeysPath, loggers.CreateLogger<AuthorizedKeysFile>(), time);
        }
        catch (InvalidDataException ex)
        {
            if (demo is not null)
            {
                await demo.DisposeAsync().ConfigureAwait(false);
            }

            throw new ConfigurationError("authorizedKeys: " + ex.Message);
        }

        var telemetry = new StyxMetrics();
        var clients = new NomadClientSet(nomad, tokens, observer: telemetry);
        if (clients.TokenWarning is { } tokenWarning)
        {
            loggers.CreateLogger<StyxServer>().LogWarning("{Warning}", tokenWarning);
        }
        var state = new ClusterState(clients.For(Role.Viewer), new ClusterStateOptions { Wait = options.Nomad.Wait }, time, loggers.CreateLogger<ClusterState>());
        state.Start();
        telemetry.ReadSnapshotAgeFrom(() => state.SnapshotAge);
        var audit = new SerilogAuditLog(options.AuditLogPath);
        var meteredAudit = new MeteredAuditLog(audit, telemetry);
        var commands = new ClusterCommands(clients, catalog, meteredAudit, new ClusterCommandsOptions(), time, loggers.CreateLogger<ClusterCommands>());
        var tails = new LogTails(clients.For(Role.Viewer).Streams, options.Logs, time, loggers);
        var loki = lokiAddress is null ? null : new LokiClient(new LokiClientOptions { Address = lokiAddress, TenantId = options.Loki.TenantId }, time, telemetry);
        var logs = new LogReader(state, tails, clients.For(Role.Viewer).Streams, loki, options.Loki.Labels, time, loggers.CreateLogger<LogReader>());
        var prometheus = prometheusAddress is null ? null : new PrometheusClient(new PrometheusClientOptions { Address = prometheusAddress }, time, telemetry);
        var metrics = new MetricWatches(prometheus, time, loggers);
        var handler = new StyxSessionHandler(state, commands, catalog, meteredAudit, options.ClusterName, options.Demo, time, logs, metrics, metricCatalog, loggers.CreateLogger<StyxSessionHandler>(), extraScreens);
        var sshOptions = new SshServerOptions
        {
            Listen = options.Listen,
            LoginGraceTime = options.Ssh.LoginGraceTime,
            MaxUnauthenticated = options.Ssh.MaxUnauthenticatedConnections,
            MaxUnauthenticatedPerSource = options.Ssh.MaxUnauthenticatedPerSource,
            MaxConnectionsPerKey = options.Ssh.MaxConnectionsPerKey,
            MaxAuthenticatedPerSource = options.Ssh.MaxAuthenticatedPerSource,
            Authentication = new() { MaxAuthTries = options.Ssh.MaxAuthTries },
            Connection = new() { MaxSessions = options.Ssh.MaxSessionsPerConnection, IdleTimeout = options.Ssh.IdleTimeout, KeepAliveInterval = options.Ssh.KeepAliveInterval },
            Transport = new() { ServerVersion = StyxVersion.SshIdentification },
        };
        var refusedLogins = new MeteredAuthenticationObserver(new RefusedLoginAudit(keys, meteredAudit, time), telemetry);
        var ssh = new SshServer(sshOptions, hostKey.Key, new KeysFileAuthenticator(keys), handler, time, loggers.CreateLogger<SshServer>(), refusedLogins)
        {
            HandshakeObserver = telemetry,
        };
        ssh.Start();

        var server = new StyxServer
        {
            Ssh = ssh,
            HostKey = hostKey.Key,
            HostKeyCreated = hostKey.Created,
            Keys = keys,
            Audit = audit,
            Sessions = handler,
            _time = time,
            _logger = loggers.CreateLogger<StyxServer>(),
            NomadAddress = nomad.Address,
            Demo = demo,
            DemoIdentity = demoIdentity,
            State = state,
            Commands = commands,
            Logs = logs,
            Catalog = catalog,
            Metrics = metrics,
            MetricCatalog = metricCatalog,
            TokenWarning = clients.TokenWarning,
            Telemetry = telemetry,
        };
        // Disposed in reverse: the SSH server first (sessions end), then the watcher, clients, files, the demo.
        if (demo is not null)
        {
            server._owned.Add(demo);
        }

        server._disposables.AddRange([clients, audit, keys]);
        if (loki is not null)
        {
            server._disposables.Add(loki);
        }

        if (prometheus is not null)
        {
            server._disposables.Add(prometheus);
        }

        server._owned.Add(state);
        server._owned.Add(tails);
        server._owned.Add(metrics);
        server._owned.Add(ssh);
        if (options.HttpListen is { } httpListen)
        {
            try
            {
                // Stopped after SSH (disposal runs backwards): /health says 503 while sessions drain.
                server.Http = await HttpEndpoint.StartAsync(httpListen, server.Health, telemetry, loggers, cancellationToken).ConfigureAwait(false);
                server._owned.Insert(server._owned.Count - 1, server.Http);
            }
            catch (IOException ex)
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw new ConfigurationError($"http:listen: cannot listen on {httpListen} ({ex.Message}); choose a free port");
            }
        }

        return server;
    }

    /// <summary>What <c>/health</c> says now: ready once SSH accepts and the cluster watcher synced with Nomad once.</summary>
    public ServerHealth Health() => ServerHealth.Of(Ssh.IsAccepting, State.HasSynced, State.CurrentIn(Namespace.All).Connection.LastError);

    private static MetricCatalog ParseMetricCatalog(string path)
    {
        using var file = File.OpenRead(path);
        return MetricCatalog.Parse(file, path);
    }

    /// <summary>
    /// Stops gracefully, then disposes everything: SSH stops accepting, every open session is shown
    /// <paramref name="notice"/> and ends with its exit status (<see cref="StyxSessionHandler"/>,
    /// <see cref="SshServer.StopAsync"/>), and once every session's <c>session.close</c> record is written the rest is
    /// disposed, the audit log last. Sessions still open after <see cref="StopGrace"/> (or once
    /// <paramref name="cancellationToken"/> fires: a second signal) are cut, and logged.
    /// </summary>
    public async Task ShutdownAsync(string notice, CancellationToken cancellationToken)
    {
        Sessions.StopNotice = notice;
        var started = _time.GetTimestamp();
        var open = Sessions.OpenSessions;
        using var grace = new CancellationTokenSource(StopGrace, _time);
        using (cancellationToken.Register(grace.Cancel))
        {
            try
            {
                var cut = await Ssh.StopAsync(grace.Token).WaitAsync(StopGrace + CutWait, _time, CancellationToken.None).ConfigureAwait(false);
                if (cut > 0)
                {
                    _logger.LogWarning("{Count} connection(s) did not close within {Seconds:0.#} s and were cut", cut, StopGrace.TotalSeconds);
                }
            }
            catch (TimeoutException)
            {
                _sshAbandoned = true;
                _logger.LogError("{Count} session(s) did not end even when cut; stopping without them", Sessions.OpenSessions);
            }
        }

        _logger.LogInformation("Sessions closed: {Closed} of {Open} in {Seconds:0.00} s", open - Sessions.OpenSessions, open, _time.GetElapsedTime(started).TotalSeconds);
        await DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            if (_sshAbandoned && ReferenceEquals(_owned[i], Ssh))
            {
                continue;
            }

            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }

        // After the SSH server and the watcher have stopped, nothing uses the clients or files any more.
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }
    }
}
