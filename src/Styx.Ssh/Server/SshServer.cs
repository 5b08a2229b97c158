using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Styx.Ssh.Authentication;
using Styx.Ssh.Connection;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Server;

/// <summary>
/// Accepts TCP connections and takes each through transport, authentication and the connection protocol, handing
/// sessions to the host. Each connection runs on its own task; one failing never affects another. Logs connects,
/// negotiated algorithms, authentication results with the key fingerprint, and disconnects with reason and duration
/// (never keys or secrets).
/// </summary>
public sealed class SshServer : IAsyncDisposable
{
    private readonly SshServerOptions _options;
    private readonly IHostKey _hostKey;
    private readonly IUserAuthenticator _authenticator;
    private readonly ISshSessionHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Random _random;
    private readonly IAuthenticationObserver? _observer;
    private readonly CancellationTokenSource _stop = new();

    /// <summary>A graceful stop (<see cref="StopAsync"/>): sessions are asked to end; <see cref="_stop"/> cuts them.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly LinkedList<PendingConnection> _unauthenticated = new();
    private readonly HashSet<Task> _connections = [];
    private readonly Dictionary<string, int> _authenticatedPerKey = [];
    private readonly Dictionary<string, int> _authenticatedPerSource = [];
    private TcpListener? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _connectionIds;
    private volatile bool _listenerClosed;

    /// <param name="observer">Told of every refused authentication attempt (each is also logged); null for none.</param>
    public SshServer(SshServerOptions options, IHostKey hostKey, IUserAuthenticator authenticator, ISshSessionHandler handler, TimeProvider time, ILogger<SshServer> logger, IAuthenticationObserver? observer = null)
        : this(options, hostKey, authenticator, handler, time, logger, observer, new Random())
    {
    }

    /// <param name="random">Picks the unauthenticated connection to drop when the slots are full; only the accept loop uses it.</param>
    internal SshServer(SshServerOptions options, IHostKey hostKey, IUserAuthenticator authenticator, ISshSessionHandler handler, TimeProvider time, ILogger<SshServer> logger, IAuthenticationObserver? observer, Random random)
    {
        _random = random;
        _observer = observer;
        _options = options;
        _hostKey = hostKey;
        _authenticator = authenticator;
        _handler = handler;
        _time = time;
        _logger = logger;
    }

    /// <summary>Told how each connection's handshake went (for metrics); null for none.</summary>
    public IHandshakeObserver? HandshakeObserver { get; init; }

    /// <summary>The address actually bound (port 0 picks a free one).</summary>
    public IPEndPoint LocalEndPoint => (IPEndPoint)(_listener?.LocalEndpoint ?? throw new InvalidOperationException("not started"));

    /// <summary>Whether new connections are being accepted: started, and the accept loop has not ended (stopping, or failed).</summary>
    public bool IsAccepting => _listener is not null && !_accepting.IsCompleted;

    /// <summary>Connections currently open (for tests and status).</summary>
    public int ConnectionCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    public void Start()
    {
        _listener = new TcpListener(_options.Listen);
        _listener.Start(512);
        _accepting = AcceptLoopAsync(_stop.Token);
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex) when (_listenerClosed && ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogWarning("Accept failed: {Error}", ex.SocketErrorCode);
                continue;
            }

            socket.NoDelay = true;
            var remote = socket.RemoteEndPoint as IPEndPoint;
            var pending = Admit(socket, remote);
            if (pending is null)
            {
                continue;
            }

            var task = Task.Run(() => ServeAsync(socket, remote, pending, cancellationToken), CancellationToken.None);
            lock (_gate)
            {
                _connections.Add(task);
            }

            _ = task.ContinueWith(t =>
            {
                lock (_gate)
                {
                    _connections.Remove(t);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Applies the connection limits before any crypto work; returns null when the socket was refused.</summary>
    private PendingConnection? Admit(Socket socket, IPEndPoint? remote)
    {
        var source = SourceKey(remote);
        var evicted = new List<PendingConnection>();
        PendingConnection? admitted = null;
        lock (_gate)
        {
            if (_connections.Count >= _options.MaxConnections)
            {
                _logger.LogWarning("Refused {Remote}: {Count} connections open (MaxConnections)", remote, _connections.Count);
            }
            else
            {
                // A random victim, as OpenSSH's MaxStartups drops at random: whoever floods cannot tell which
                // connection goes, and a real login in progress is not the one that always goes once it is oldest.
                var fromSource = _unauthenticated.Where(p => p.Source == source).ToList();
                if (fromSource.Count >= _options.MaxUnauthenticatedPerSource)
                {
                    evicted.Add(fromSource[_random.Next(fromSource.Count)]);
                }

                if (_unauthenticated.Count - evicted.Count >= _options.MaxUnauthenticated)
                {
                    var others = _unauthenticated.Where(p => !evicted.Contains(p)).ToList();
                    evicted.Add(others[_random.Next(others.Count)]);
                }

                foreach (var old in evicted)
                {
                    _unauthenticated.Remove(old.Node!);
                }

                admitted = new PendingConnection(source, new CancellationTokenSource());
                admitted.Node = _unauthenticated.AddLast(admitted);
            }
        }

        foreach (var old in evicted)
        {
            _logger.LogInformation("Dropped an unauthenticated connection from {Source} (picked at random) to admit a new one", old.Source);
            old.Drop.Cancel();
        }

        if (admitted is null)
        {
            socket.Dispose();
        }

        return admitted;
    }

    private void Authenticated(PendingConnection pending)
    {
        lock (_gate)
        {
            if (pending.Node?.List is not null)
            {
                _unauthenticated.Remove(pending.Node);
            }
        }
    }

    /// <summary>
    /// Counts an authenticated connection against the per-key and per-source limits; returns why it may not stay,
    /// or null (then <see cref="ReleaseAuthenticated"/> must follow when it ends).
    /// </summary>
    private string? AdmitAuthenticated(string fingerprint, string source)
    {
        lock (_gate)
        {
            var byKey = _authenticatedPerKey.GetValueOrDefault(fingerprint);
            if (byKey >= _options.MaxConnectionsPerKey)
            {
                return $"too many connections with this key (at most {_options.MaxConnectionsPerKey})";
            }

            var bySource = _authenticatedPerSource.GetValueOrDefault(source);
            if (bySource >= _options.MaxAuthenticatedPerSource)
            {
                return $"too many connections from this address (at most {_options.MaxAuthenticatedPerSource})";
            }

            _authenticatedPerKey[fingerprint] = byKey + 1;
            _authenticatedPerSource[source] = bySource + 1;
            return null;
        }
    }

    private void ReleaseAuthenticated(string fingerprint, string source)
    {
        lock (_gate)
        {
            Decrement(_authenticatedPerKey, fingerprint);
            Decrement(_authenticatedPerSource, source);
        }

        static void Decrement(Dictionary<string, int> counts, string key)
        {
            if (--counts[key] == 0)
            {
                counts.Remove(key);
            }
        }
    }

    private async Task ServeAsync(Socket socket, IPEndPoint? remote, PendingConnection pending, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _connectionIds);
        var started = _time.GetTimestamp();
        var reason = "closed";
        // Closed by the client before it sent anything: a port probe or TCP health check, not worth an Information line.
        var silent = false;
        string? user = null;
        // Debug only: a TCP health check (Nomad's, every few seconds) connects and leaves without a word; a client that
        // gets as far as the version exchange is named at Information by the lines below.
        _logger.LogDebug("Connection {Id} from {Remote}", id, remote);
        var stream = new NetworkStream(socket, ownsSocket: true);
        await using var streamScope = stream.ConfigureAwait(false);
        SshTransport? transport = null;
        try
        {
            SshIdentity identity;
            using (var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pending.Drop.Token))
            {
                grace.CancelAfter(_options.LoginGraceTime);
                try
                {
                    transport = await HandshakeAsync(stream, grace.Token).ConfigureAwait(false);
                    var algorithms = transport.Algorithms;
                    _logger.LogInformation("Connection {Id} from {Remote}: {Client} negotiated {Kex}, {HostKey}, {Cipher} {Mac}, strict KEX {Strict}",
                        id, remote, SshTransport.Sanitize(transport.ClientVersion), algorithms.KeyExchange, algorithms.HostKey, algorithms.CipherServerToClient,
                        algorithms.MacServerToClient.Length > 0 ? algorithms.MacServerToClient : "(AEAD)", transport.StrictKex);
                    identity = await UserAuthProtocol.RunAsync(transport, _authenticator, new LoggingObserver(_observer, _logger, id), _options.Authentication, remote, grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (grace.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    reason = pending.Drop.IsCancellationRequested ? pending.DropReason : $"login grace time ({_options.LoginGraceTime.TotalSeconds:0} s) exceeded";
                    if (transport is not null)
                    {
                        await transport.DisconnectAsync(DisconnectReason.ByApplication, reason, CancellationToken.None).ConfigureAwait(false);
                    }

                    return;
                }
            }

            Authenticated(pending);
            user = identity.UserName;
            _logger.LogInformation("Connection {Id}: {User} authenticated with {Fingerprint}", id, SshTransport.Sanitize(identity.UserName), identity.KeyFingerprint);
            if (AdmitAuthenticated(identity.KeyFingerprint, pending.Source) is { } refusal)
            {
                reason = refusal;
                _logger.LogWarning("Connection {Id}: {User} with {Fingerprint} from {Remote} refused: {Reason}", id, SshTransport.Sanitize(identity.UserName), identity.KeyFingerprint, remote, refusal);
                await transport.DisconnectAsync(DisconnectReason.TooManyConnections, refusal, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            try
            {
                var service = new SshConnectionService(transport, identity, remote, _handler, _options.Connection, _time, _logger, _stopping.Token);
                await service.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                ReleaseAuthenticated(identity.KeyFingerprint, pending.Source);
            }
        }
        catch (SshConnectionClosedException ex)
        {
            reason = ex.Message;
            silent = ex.NothingReceived;
        }
        catch (SshProtocolException ex)
        {
            reason = $"protocol error ({ex.Reason}): {ex.Message}";
        }
        catch (OperationCanceledException)
        {
            reason = "server stopping";
        }
        catch (IOException ex)
        {
            reason = "connection lost: " + ex.Message;
        }
        catch (Exception ex)
        {
            reason = "internal error";
            _logger.LogError(ex, "Connection {Id} failed", id);
        }
        finally
        {
            Authenticated(pending);
            pending.Drop.Dispose();
            if (transport is not null)
            {
                await transport.DisposeAsync().ConfigureAwait(false);
            }

            _logger.Log(silent ? LogLevel.Debug : LogLevel.Information, "Connection {Id} from {Remote} ended after {Duration:0.0} s{User}: {Reason}",
                id, remote, _time.GetElapsedTime(started).TotalSeconds, user is null ? "" : " (" + SshTransport.Sanitize(user) + ")", reason);
        }
    }

    /// <summary>The version exchange and first key exchange, timed for <see cref="HandshakeObserver"/>.</summary>
    private async Task<SshTransport> HandshakeAsync(Stream stream, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            var transport = await SshTransport.AcceptAsync(stream, _hostKey, _options.Transport, _time, _logger, cancellationToken).ConfigureAwait(false);
            HandshakeObserver?.OnHandshake(_time.GetElapsedTime(started), succeeded: true);
            return transport;
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested && !_stopping.IsCancellationRequested && ex is not SshConnectionClosedException { NothingReceived: true })
        {
            // A handshake the server's own stop ended did not fail, and a connection that never said a word (a TCP
            // health check every few seconds) was no handshake: counted, it would look like a steady stream of failures.
            HandshakeObserver?.OnHandshake(_time.GetElapsedTime(started), succeeded: false);
            throw;
        }
    }

    /// <summary>IPv4 addresses count per address, IPv6 per /64 (OpenSSH PerSourceNetBlockSize 32:64 style).</summary>
    private static string SourceKey(IPEndPoint? remote)
    {
        if (remote is null)
        {
            return "?";
        }

        var address = remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    /// <summary>
    /// Stops gracefully: closes the listener first (a client reconnecting is refused here and can reach the next
    /// instance, never this one that is going away), disconnects connections still logging in, asks every session to
    /// end (<see cref="SshSession.Stopping"/>: each host says so to its user and returns an exit status, sent before the
    /// channel closes), and waits for the connections to end. When <paramref name="cancellationToken"/> fires first,
    /// the connections left are cut as <see cref="DisposeAsync"/> cuts them, and awaited.
    /// </summary>
    /// <returns>How many connections had to be cut.</returns>
    public async Task<int> StopAsync(CancellationToken cancellationToken)
    {
        CloseListener();
        await _accepting.ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        PendingConnection[] loggingIn;
        Task[] open;
        lock (_gate)
        {
            loggingIn = [.. _unauthenticated];
            open = [.. _connections];
        }

        foreach (var pending in loggingIn)
        {
            pending.DropReason = "server is stopping";
            try
            {
                pending.Drop.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It ended (or logged in) since the list was read.
            }
        }

        _logger.LogInformation("Stopping: listener closed, {Count} connection(s) asked to end", open.Length);
        try
        {
            await Task.WhenAll(open).WaitAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var left = open.Count(t => !t.IsCompleted);
            _logger.LogWarning("Stopping: {Count} connection(s) did not end in time; cutting them", left);
            await _stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(open).ConfigureAwait(false);
            return left;
        }
    }

    private void CloseListener()
    {
        _listenerClosed = true;
        _listener?.Stop();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        CloseListener();
        await _accepting.ConfigureAwait(false);
        Task[] open;
        lock (_gate)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).ConfigureAwait(false);
        _stop.Dispose();
        _stopping.Dispose();
    }

    private sealed class PendingConnection(string source, CancellationTokenSource drop)
    {
        public string Source { get; } = source;

        public CancellationTokenSource Drop { get; } = drop;

        /// <summary>Why <see cref="Drop"/> was cancelled, sent in the DISCONNECT and logged.</summary>
        public string DropReason { get; set; } = "dropped for a newer unauthenticated connection";

        public LinkedListNode<PendingConnection>? Node { get; set; }
    }

    /// <summary>Logs each refused attempt with the key's fingerprint (never the key itself), then tells the host.</summary>
    private sealed class LoggingObserver(IAuthenticationObserver? inner, ILogger logger, long id) : IAuthenticationObserver
    {
        public ValueTask OnFailureAsync(AuthenticationFailure failure, CancellationToken cancellationToken)
        {
            logger.LogInformation("Connection {Id}: {Reason} for {User}: key {Fingerprint} ({Type})",
                id, failure.Description, SshTransport.Sanitize(failure.UserName), failure.KeyFingerprint ?? "none", failure.KeyType ?? "none");
            return inner?.OnFailureAsync(failure, cancellationToken) ?? ValueTask.CompletedTask;
        }
    }
}
