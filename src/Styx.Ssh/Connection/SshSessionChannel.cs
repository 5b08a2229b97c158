using System.Collections.Immutable;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Connection;

/// <summary>
/// One <c>session</c> channel (RFC 4254 §6): its requests, input, and output with flow control (§5.2). Window sizes
/// are kept as 64-bit numbers because clients start at 2^31-1 and adjustments could overflow 32 bits.
/// </summary>
internal sealed class SshSessionChannel
{
    private readonly IPacketConnection _transport;
    private readonly SshConnectionOptions _options;
    private readonly CancellationTokenSource _closed = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Orders CLOSE against replies sent by the read loop, so no reply can slip in after it.</summary>
    private readonly SemaphoreSlim _closeGate = new(1, 1);
    private readonly Lock _windowGate = new();
    private TaskCompletionSource _windowOpened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _remoteWindow;
    private long _localWindow;
    private int _consumedSinceAdjust;
    private int _closeSent;

    public SshSessionChannel(IPacketConnection transport, SshConnectionOptions options, uint localId, uint remoteId, uint remoteWindow, uint remoteMaxPacket)
    {
        _transport = transport;
        _options = options;
        LocalId = localId;
        RemoteId = remoteId;
        _remoteWindow = remoteWindow;
        RemoteMaxPacket = Math.Min(remoteMaxPacket, 256 * 1024u);
        _localWindow = options.InitialWindow;
        Input = new ChannelInput(Consumed);
    }

    /// <summary>
    /// The smallest maximum packet a client may announce; below it the channel is refused. We keep
    /// <see cref="PacketHeadroom"/> bytes of each packet for the message header, and every client seen announces
    /// 16 KiB or more (ssh-server.md §2.5); tiny packets would only multiply our framing and encryption work.
    /// </summary>
    public const uint MinimumRemoteMaxPacket = 1024;

    /// <summary>Bytes of the client's maximum packet left for the message header around the data.</summary>
    private const uint PacketHeadroom = 64;

    public uint LocalId { get; }

    public uint RemoteId { get; }

    public uint RemoteMaxPacket { get; }

    public PtyRequest? Pty { get; set; }

    public TerminalSize Size { get; set; } = new(80, 24);

    public ImmutableDictionary<string, string> Environment { get; set; } = ImmutableDictionary<string, string>.Empty;

    public string? Command { get; set; }

    /// <summary>Set once shell or exec started the host: only one per channel (RFC 4254 §6.5).</summary>
    public bool Started { get; set; }

    public ChannelInput Input { get; }

    public CancellationToken Closed => _closed.Token;

    public bool CloseSent => Volatile.Read(ref _closeSent) != 0;

    public bool CloseReceived { get; set; }

    public event Action<TerminalSize>? SizeChanged;

    public event Action<string>? SignalReceived;

    /// <summary>
    /// Applies a pty-req or window-change size. A zero dimension keeps the current one: "Zero dimension parameters
    /// MUST be ignored" (RFC 4254 §6.2); OpenSSH sends 0×0 for <c>ssh -tt</c> when its own stdin is not a terminal.
    /// </summary>
    public void OnSizeChanged(TerminalSize size)
    {
        Size = new TerminalSize(
            size.Columns == 0 ? Size.Columns : size.Columns,
            size.Rows == 0 ? Size.Rows : size.Rows,
            size.PixelWidth,
            size.PixelHeight);
        SizeChanged?.Invoke(Size);
    }

    public void OnSignal(string name) => SignalReceived?.Invoke(name);

    /// <summary>Data from the client: refused beyond the window we granted (a window overflow attempt).</summary>
    public void OnData(ReadOnlyMemory<byte> data)
    {
        TakeWindow(data.Length);

        // An empty chunk would read as end of stream (ChannelInput returns 0) and end the session; it carries nothing.
        if (!data.IsEmpty)
        {
            Input.Add(data.ToArray());
        }
    }

    /// <summary>
    /// Extended data from the client: it uses up the same window as data (RFC 4254 §5.2), but a session's client has
    /// no stderr of its own to send, so it is dropped and counted as consumed at once.
    /// </summary>
    public void OnExtendedData(int length)
    {
        TakeWindow(length);
        Consumed(length);
    }

    private void TakeWindow(int length)
    {
        lock (_windowGate)
        {
            if (length > _localWindow)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"channel {LocalId}: client sent {length} bytes with only {_localWindow} window left");
            }

            _localWindow -= length;
        }
    }

    public void OnWindowAdjust(uint bytes)
    {
        lock (_windowGate)
        {
            // RFC 4254 §5.2: a window may not grow beyond 2^32-1.
            if (_remoteWindow + bytes > uint.MaxValue)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"channel {LocalId}: window adjust overflows 2^32-1");
            }

            _remoteWindow += bytes;
            _windowOpened.TrySetResult();
        }
    }

    /// <summary>The host read <paramref name="count"/> bytes: grant them back once half the window is used.</summary>
    private void Consumed(int count)
    {
        int adjust;
        lock (_windowGate)
        {
            _consumedSinceAdjust += count;
            if (_consumedSinceAdjust < _options.InitialWindow / 2)
            {
                return;
            }

            adjust = _consumedSinceAdjust;
            _consumedSinceAdjust = 0;
            _localWindow += adjust;
        }

        _ = SendAsync(new SshWriter(16).WriteByte(MessageNumber.ChannelWindowAdjust).WriteUInt32(RemoteId).WriteUInt32((uint)adjust).WrittenMemory);
    }

    /// <summary>Sends data in pieces no larger than the client's window and max packet.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, uint extendedType, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
            while (!data.IsEmpty)
            {
                int chunk;
                Task opened;
                lock (_windowGate)
                {
                    // Signed arithmetic: a maximum packet below the headroom (refused at open) could never wrap here.
                    chunk = (int)Math.Min(Math.Min(_remoteWindow, (long)RemoteMaxPacket - PacketHeadroom), data.Length);
                    if (chunk <= 0)
                    {
                        _windowOpened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                    else
                    {
                        _remoteWindow -= chunk;
                    }

                    opened = _windowOpened.Task;
                }

                if (chunk <= 0)
                {
                    await opened.WaitAsync(linked.Token).ConfigureAwait(false);
                    continue;
                }

                var message = new SshWriter(chunk + 16);
                if (extendedType == 0)
                {
                    message.WriteByte(MessageNumber.ChannelData).WriteUInt32(RemoteId);
                }
                else
                {
                    message.WriteByte(MessageNumber.ChannelExtendedData).WriteUInt32(RemoteId).WriteUInt32(extendedType);
                }

                message.WriteString(data.Span[..chunk]);
                await _transport.WritePacketAsync(message.WrittenMemory, linked.Token).ConfigureAwait(false);
                data = data[chunk..];
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Ends the channel: <c>exit-status</c> (or <c>exit-signal</c>), EOF, then CLOSE. sshd sends EOF first, but a client
    /// whose own input is already closed (Dropbear's <c>dbclient</c> with stdin at EOF) answers that EOF with CLOSE and
    /// then ignores requests on the channel, losing the status; sending it first is allowed (RFC 4254 §6.10 only asks
    /// for it before CLOSE) and no client depends on the other order.
    /// </summary>
    public async Task ExitAsync(int exitStatus, SshExitSignalException? signal, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (CloseSent)
            {
                return;
            }

            var status = new SshWriter(64).WriteByte(MessageNumber.ChannelRequest).WriteUInt32(RemoteId);
            if (signal is null)
            {
                status.WriteAsciiString("exit-status").WriteBoolean(false).WriteUInt32(unchecked((uint)exitStatus));
            }
            else
            {
                status.WriteAsciiString("exit-signal").WriteBoolean(false).WriteAsciiString(signal.Signal).WriteBoolean(false)
                    .WriteUtf8String(signal.Message).WriteAsciiString("");
            }

            await _transport.WritePacketAsync(status.WrittenMemory, cancellationToken).ConfigureAwait(false);
            await _transport.WritePacketAsync(new SshWriter(8).WriteByte(MessageNumber.ChannelEof).WriteUInt32(RemoteId).WrittenMemory, cancellationToken).ConfigureAwait(false);
            await SendCloseAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public async Task SendCloseAsync(CancellationToken cancellationToken)
    {
        await _closeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _closeSent, 1) == 0)
            {
                await _transport.WritePacketAsync(new SshWriter(8).WriteByte(MessageNumber.ChannelClose).WriteUInt32(RemoteId).WrittenMemory, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _closeGate.Release();
        }
    }

    /// <summary>Sends a reply on this channel unless our CLOSE is already out: nothing may follow it (RFC 4254 §5.3).</summary>
    public async Task SendBeforeCloseAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        await _closeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!CloseSent)
            {
                await _transport.WritePacketAsync(payload, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _closeGate.Release();
        }
    }

    /// <summary>The client closed its side, or the connection is gone: stop the host and release waiters.</summary>
    public void Abort()
    {
        Input.Complete();
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task SendAsync(ReadOnlyMemory<byte> payload)
    {
        try
        {
            await SendBeforeCloseAsync(payload, _closed.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or SshConnectionClosedException)
        {
            // The connection is ending; the read loop reports why.
        }
    }
}
