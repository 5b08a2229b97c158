using System.Net;
using Microsoft.Extensions.Logging;
using Styx.Ssh.Authentication;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Connection;

/// <summary>
/// The server side of the connection protocol (RFC 4254) for one authenticated connection: session channels only,
/// their requests, flow control, global requests (keepalive, <c>no-more-sessions</c>), server keepalives and the
/// idle and unused-connection timeouts. Each shell or exec runs the host's handler on its own task; when it returns,
/// the channel ends with its exit status. A graceful stop of the server (the <c>stopping</c> token) lets the sessions
/// finish with their status before the connection ends.
/// </summary>
public sealed class SshConnectionService
{
    private readonly IPacketConnection _transport;
    private readonly SshIdentity _identity;
    private readonly IPEndPoint? _remote;
    private readonly ISshSessionHandler _handler;
    private readonly SshConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<uint, SshSessionChannel> _channels = [];
    private readonly List<Task> _running = [];
    private readonly CancellationToken _stopping;
    private readonly TaskCompletionSource _noChannelsLeft = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private uint _nextChannelId;
    private bool _noMoreSessions;
    private long _lastHeardTicks;
    private long _lastDataTicks;
    private int _unansweredKeepalives;
    private long _noChannelsSinceTicks;
    private string? _closedBecause;

    /// <summary>Set (under the channels' lock) once the server stops: no channel opens and no session starts after it.</summary>
    private bool _stopRequested;

    /// <summary>
    /// How long a client whose sessions have all ended during a stop gets to hang up by itself before the DISCONNECT.
    /// OpenSSH exits with 255 on a DISCONNECT that it reads before it has finished, losing the exit status it was just
    /// sent; it hangs up within milliseconds of its last channel closing, as it does with sshd.
    /// </summary>
    private static readonly TimeSpan StopLinger = TimeSpan.FromSeconds(1);

    /// <param name="stopping">Cancelled when the server stops gracefully (see <see cref="SshSession.Stopping"/>).</param>
    public SshConnectionService(IPacketConnection transport, SshIdentity identity, IPEndPoint? remote, ISshSessionHandler handler, SshConnectionOptions options, TimeProvider time, ILogger logger, CancellationToken stopping = default)
    {
        _stopping = stopping;
        _transport = transport;
        _identity = identity;
        _remote = remote;
        _handler = handler;
        _options = options;
        _time = time;
        _logger = logger;
        _lastHeardTicks = _lastDataTicks = _noChannelsSinceTicks = time.GetTimestamp();
    }

    /// <summary>Serves the connection until the client leaves, a limit ends it, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watchdog = WatchAsync(stop.Token);
        var stopper = StopWhenAskedAsync(stop.Token);
        try
        {
            while (true)
            {
                var payload = await _transport.ReadPacketAsync(stop.Token).ConfigureAwait(false);
                Volatile.Write(ref _lastHeardTicks, _time.GetTimestamp());
                try
                {
                    await DispatchAsync(payload, stop.Token).ConfigureAwait(false);
                }
                catch (SshProtocolException ex)
                {
                    await _transport.DisconnectAsync(ex.Reason, ex.Message, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
        }
        catch (Exception ex) when (Volatile.Read(ref _closedBecause) is { } reason && ex is IOException or ObjectDisposedException or OperationCanceledException or SshConnectionClosedException)
        {
            // The watchdog closed the stream under the read: say why, not "connection lost".
            throw new SshConnectionClosedException(reason);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            lock (_channels)
            {
                foreach (var channel in _channels.Values)
                {
                    channel.Abort();
                }
            }

            Task[] running;
            lock (_running)
            {
                running = [.. _running];
            }

            await Task.WhenAll(running).ConfigureAwait(false);
            try
            {
                await watchdog.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await stopper.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The server's graceful stop, for this connection: no new channel or session; channels that never started a shell
    /// or command are closed; running sessions see <see cref="SshSession.Stopping"/> and end with their own status.
    /// Once no channel is left (or at once, when there was none), the connection ends with a DISCONNECT.
    /// </summary>
    private async Task StopWhenAskedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (_stopping.Register(() => asked.TrySetResult()))
            {
                await asked.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            List<SshSessionChannel> unstarted;
            bool hadChannels;
            lock (_channels)
            {
                _stopRequested = true;
                unstarted = [.. _channels.Values.Where(c => !c.Started)];
                hadChannels = _channels.Count > 0;
            }

            foreach (var channel in unstarted)
            {
                await channel.SendCloseAsync(cancellationToken).ConfigureAwait(false);
            }

            if (hadChannels)
            {
                await _noChannelsLeft.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(StopLinger, _time, cancellationToken).ConfigureAwait(false);
            }

            const string reason = "server is stopping";
            Volatile.Write(ref _closedBecause, reason);
            await _transport.DisconnectAsync(DisconnectReason.ByApplication, reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SshConnectionClosedException)
        {
            // The connection ended first (the client hung up, as it should once its sessions are closed).
        }
    }

    private async Task DispatchAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span);
        var number = reader.ReadByte();
        switch (number)
        {
            case MessageNumber.GlobalRequest:
            {
                var name = reader.ReadAsciiString();
                var wantReply = reader.ReadBoolean();
                if (name == "no-more-sessions@openssh.com")
                {
                    _noMoreSessions = true;
                }

                // keepalive@openssh.com and anything unknown: FAILURE, as sshd answers (ssh-server.md §2.5).
                if (wantReply)
                {
                    await _transport.WritePacketAsync(new byte[] { MessageNumber.RequestFailure }, cancellationToken).ConfigureAwait(false);
                }

                return;
            }

            case MessageNumber.RequestSuccess or MessageNumber.RequestFailure:
                // Replies to our keepalives.
                Interlocked.Exchange(ref _unansweredKeepalives, 0);
                return;

            case MessageNumber.ChannelOpen:
                await OpenAsync(payload, cancellationToken).ConfigureAwait(false);
                return;

            case MessageNumber.ChannelRequest:
                await RequestAsync(payload, cancellationToken).ConfigureAwait(false);
                return;

            case MessageNumber.ChannelData:
            {
                var channel = Channel(reader.ReadUInt32());
                var data = reader.ReadString();
                reader.EnsureEnd();
                Volatile.Write(ref _lastDataTicks, _time.GetTimestamp());
                channel.OnData(payload.Slice(payload.Length - data.Length));
                return;
            }

            case MessageNumber.ChannelExtendedData:
            {
                var channel = Channel(reader.ReadUInt32());
                reader.ReadUInt32();
                var data = reader.ReadString();
                reader.EnsureEnd();
                channel.OnExtendedData(data.Length);
                return;
            }

            case MessageNumber.ChannelWindowAdjust:
                Channel(reader.ReadUInt32()).OnWindowAdjust(reader.ReadUInt32());
                return;

            case MessageNumber.ChannelEof:
                Channel(reader.ReadUInt32()).Input.Complete();
                return;

            case MessageNumber.ChannelClose:
            {
                var channel = Channel(reader.ReadUInt32());
                channel.CloseReceived = true;
                channel.Abort();
                await channel.SendCloseAsync(cancellationToken).ConfigureAwait(false);
                // Both CLOSEs have passed (RFC 4254 §5.3): only now may the number be forgotten.
                Forget(channel);
                return;
            }

            case MessageNumber.UserAuthRequest:
                // A client may repeat a request after success; RFC 4252 §5.1 says to ignore it.
                return;

            default:
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"unexpected message {number} in the connection protocol");
        }
    }

    private async Task OpenAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span);
        reader.ReadByte();
        var type = reader.ReadAsciiString();
        var sender = reader.ReadUInt32();
        var window = reader.ReadUInt32();
        var maxPacket = reader.ReadUInt32();
        SshSessionChannel? channel = null;
        (uint Code, string Text)? refusal;
        lock (_channels)
        {
            // Decided and added under the lock the stop takes, so no channel slips in after the stop has looked.
            refusal =
                type != "session" ? (3, $"unknown channel type {Transport.SshTransport.Sanitize(type)}")
                : _noMoreSessions ? (1, "no more sessions")
                : _stopRequested ? (1, "server is stopping")
                : _channels.Count >= _options.MaxSessions ? (1, $"at most {_options.MaxSessions} sessions per connection")
                : maxPacket < SshSessionChannel.MinimumRemoteMaxPacket ? (1, $"maximum packet {maxPacket} is below the {SshSessionChannel.MinimumRemoteMaxPacket} bytes this server needs")
                : null;
            if (refusal is null)
            {
                channel = new SshSessionChannel(_transport, _options, _nextChannelId++, sender, window, maxPacket);
                _channels.Add(channel.LocalId, channel);
            }
        }

        if (channel is null)
        {
            var r = refusal!.Value;
            var failure = new SshWriter(64).WriteByte(MessageNumber.ChannelOpenFailure).WriteUInt32(sender).WriteUInt32(r.Code).WriteUtf8String(r.Text).WriteAsciiString("");
            await _transport.WritePacketAsync(failure.WrittenMemory, cancellationToken).ConfigureAwait(false);
            return;
        }

        var confirmation = new SshWriter(32)
            .WriteByte(MessageNumber.ChannelOpenConfirmation)
            .WriteUInt32(sender)
            .WriteUInt32(channel.LocalId)
            .WriteUInt32(_options.InitialWindow)
            .WriteUInt32(_options.MaxPacket);
        await _transport.WritePacketAsync(confirmation.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequestAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var reader = new SshReader(payload.Span);
        reader.ReadByte();
        var channel = Channel(reader.ReadUInt32());
        var type = reader.ReadAsciiString();
        var wantReply = reader.ReadBoolean();
        if (channel.CloseSent)
        {
            // The client sent this before it saw our CLOSE (RFC 4254 §5.3): nothing may follow that CLOSE, not even a reply.
            return;
        }

        var ok = false;
        var start = false;
        string? command = null;
        switch (type)
        {
            case "pty-req" when !channel.Started:
                channel.Pty = PtyRequest.Parse(ref reader);
                channel.OnSizeChanged(channel.Pty.Size);
                ok = true;
                break;
            case "env":
            {
                var name = reader.ReadUtf8String();
                var value = reader.ReadUtf8String();
                if (channel.Environment.Count < 64 && name.Length <= 256 && value.Length <= 4096)
                {
                    channel.Environment = channel.Environment.SetItem(name, value);
                    ok = true;
                }

                break;
            }

            case "shell" when !channel.Started:
                ok = start = TryStart(channel);
                break;
            case "exec" when !channel.Started:
                command = reader.ReadUtf8String();
                ok = start = TryStart(channel);
                break;
            case "window-change":
                channel.OnSizeChanged(PtyRequest.ReadSize(ref reader));
                ok = true;
                break;
            case "signal":
                channel.OnSignal(reader.ReadAsciiString());
                ok = true;
                break;
        }

        if (wantReply)
        {
            var reply = new SshWriter(8).WriteByte(ok ? MessageNumber.ChannelSuccess : MessageNumber.ChannelFailure).WriteUInt32(channel.RemoteId);
            await channel.SendBeforeCloseAsync(reply.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        // The session starts only once its SUCCESS is out (RFC 4254 §5.4: the reply answers the request), so no output
        // and no CLOSE of a quick command can overtake it: paramiko failed an exec with "Channel closed" when it did.
        if (start)
        {
            Start(channel, command, cancellationToken);
        }
    }

    /// <summary>Marks the channel started, unless the server is stopping (then the request fails).</summary>
    private bool TryStart(SshSessionChannel channel)
    {
        lock (_channels)
        {
            if (_stopRequested)
            {
                return false;
            }

            channel.Started = true;
            return true;
        }
    }

    private void Start(SshSessionChannel channel, string? command, CancellationToken cancellationToken)
    {
        channel.Command = command;
        var session = new SshSession(channel, _identity, _remote, _transport.ClientVersion, _stopping);
        var task = Task.Run(() => RunSessionAsync(channel, session, cancellationToken), CancellationToken.None);
        lock (_running)
        {
            _running.RemoveAll(t => t.IsCompleted);
            _running.Add(task);
        }
    }

    private async Task RunSessionAsync(SshSessionChannel channel, SshSession session, CancellationToken cancellationToken)
    {
        int status;
        SshExitSignalException? signal = null;
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, channel.Closed);
            status = await _handler.RunAsync(session, linked.Token).ConfigureAwait(false);
        }
        catch (SshExitSignalException ex)
        {
            signal = ex;
            status = 128;
        }
        catch (OperationCanceledException)
        {
            status = 255;
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SshConnectionClosedException && (cancellationToken.IsCancellationRequested || Volatile.Read(ref _closedBecause) is not null))
        {
            // The connection went away under the session's output; the connection's own log line says why.
            status = 255;
        }
        catch (Exception ex)
        {
            // One failing session ends alone; the connection and the other sessions go on.
            _logger.LogError(ex, "Session of {User} failed", Transport.SshTransport.Sanitize(_identity.UserName));
            status = 255;
        }

        try
        {
            if (!channel.CloseReceived)
            {
                await channel.ExitAsync(status, signal, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SshConnectionClosedException)
        {
            // The connection went away first.
        }
    }

    /// <summary>The open channel with our number <paramref name="id"/>; any other number is a protocol error.</summary>
    private SshSessionChannel Channel(uint id)
    {
        lock (_channels)
        {
            if (_channels.TryGetValue(id, out var channel))
            {
                return channel;
            }
        }

        throw new SshProtocolException(DisconnectReason.ProtocolError, $"no channel {id}");
    }

    private void Forget(SshSessionChannel channel)
    {
        lock (_channels)
        {
            _channels.Remove(channel.LocalId);
            if (_channels.Count == 0)
            {
                Volatile.Write(ref _noChannelsSinceTicks, _time.GetTimestamp());
                if (_stopRequested)
                {
                    _noChannelsLeft.TrySetResult();
                }
            }
        }
    }

    /// <summary>Server keepalives, the write timeout, the idle timeout and the unused-connection timeout.</summary>
    /// <remarks>
    /// The watchdog never waits for a write itself: a client that stops reading (or never finishes a key exchange)
    /// blocks writes, and the watchdog is what has to notice that.
    /// </remarks>
    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        var period = TimeSpan.FromSeconds(1);
        if (_options.KeepAliveInterval > TimeSpan.Zero && _options.KeepAliveInterval < period)
        {
            period = _options.KeepAliveInterval;
        }

        // As long as a silent client is given before it is dropped: a client that reads nothing while our write waits
        // is as gone as one that answers nothing.
        var writeTimeout = _options.KeepAliveInterval * Math.Max(1, _options.KeepAliveCountMax);
        var keepalive = Task.CompletedTask;
        using var timer = new PeriodicTimer(period, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            string? reason = null;
            if (_options.IdleTimeout > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _lastDataTicks)) > _options.IdleTimeout)
            {
                reason = $"idle for more than {_options.IdleTimeout}";
            }

            int open;
            lock (_channels)
            {
                open = _channels.Count;
            }

            if (open == 0 && _options.UnusedConnectionTimeout > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _noChannelsSinceTicks)) > _options.UnusedConnectionTimeout)
            {
                reason = "no session opened";
            }

            if (_options.KeepAliveInterval > TimeSpan.Zero && _transport.PendingWriteTime > writeTimeout)
            {
                reason = $"not reading: a write has waited more than {writeTimeout.TotalSeconds:0.###} s";
            }
            else if (_options.KeepAliveInterval > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _lastHeardTicks)) > _options.KeepAliveInterval)
            {
                if (Interlocked.Increment(ref _unansweredKeepalives) > _options.KeepAliveCountMax)
                {
                    reason = "keepalives unanswered";
                }
                else
                {
                    Volatile.Write(ref _lastHeardTicks, _time.GetTimestamp());
                    // One at a time: while the last one has not even gone out, another would only queue behind it.
                    if (keepalive.IsCompleted)
                    {
                        keepalive = SendKeepaliveAsync(cancellationToken);
                    }
                }
            }

            if (reason is not null)
            {
                _logger.LogInformation("Closing connection of {User}: {Reason}", Transport.SshTransport.Sanitize(_identity.UserName), reason);
                Volatile.Write(ref _closedBecause, reason);
                await _transport.DisconnectAsync(DisconnectReason.ByApplication, reason, CancellationToken.None).ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>A global <c>keepalive@openssh.com</c> with want_reply; any answer counts (OpenSSH's ClientAlive).</summary>
    private async Task SendKeepaliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            var keepalive = new SshWriter(32).WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("keepalive@openssh.com").WriteBoolean(true);
            await _transport.WritePacketAsync(keepalive.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SshConnectionClosedException)
        {
            // The connection is ending; the read loop reports why.
        }
    }
}
