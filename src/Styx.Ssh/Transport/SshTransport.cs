using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Transport.KeyExchange;
using Styx.Ssh.Transport.Protection;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport;

/// <summary>
/// The server side of the SSH transport layer (RFC 4253) over any stream: version exchange, binary packet protocol,
/// key exchange with strict-KEX (Terrapin) semantics, EXT_INFO, and re-keying started by either side. The reader
/// drives every key exchange; writers wait while one runs (back-pressure instead of an unbounded queue).
/// </summary>
public sealed partial class SshTransport : IPacketConnection
{
    private static readonly string[] s_serverKex =
        [.. AlgorithmNames.KeyExchanges, AlgorithmNames.StrictKexServer];

    private readonly Stream _stream;
    private readonly InputBuffer _input;
    private readonly IHostKey _hostKey;
    private readonly SshTransportOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly byte[] _header = new byte[4];

    private PacketProtection _incoming = NoProtection.Instance;
    private PacketProtection _outgoing = NoProtection.Instance;
    private uint _receiveSequence;
    private uint _sendSequence;
    private byte[]? _sessionId;
    private bool _strictKex;
    private bool _clientWantsExtInfo;
    private bool _kexInProgress;
    private KexInitMessage? _ourKexInit;
    private TaskCompletionSource _kexDone = CompletedGate();

    /// <summary>Replies and control messages written during a key exchange, sent when it ends (guarded by the write lock).</summary>
    private readonly Queue<byte[]> _queuedDuringKex = new();

    /// <summary>
    /// Bound on that queue, so a client that never finishes a key exchange cannot make us hold more and more
    /// (Go CVE-2025-22869); Go keeps at most 64 pending packets too. Writers beyond it wait.
    /// </summary>
    private const int MaxQueuedDuringKex = 64;
    private long _bytesAtLastKex;
    private long _bytesWritten;
    private long _packetsSentSinceKex;
    private long _packetsReceivedSinceKex;
    private DateTimeOffset _lastKexAt;
    private int _disconnected;

    /// <summary>When the stream write in progress started (TimeProvider timestamp), or <see cref="NoWrite"/>.</summary>
    private long _writeStarted = NoWrite;

    private const long NoWrite = -1;

    private SshTransport(Stream stream, IHostKey hostKey, SshTransportOptions options, TimeProvider time, ILogger logger)
    {
        _stream = stream;
        _input = new InputBuffer(stream);
        _hostKey = hostKey;
        _options = options;
        _time = time;
        _logger = logger;
        _lastKexAt = time.GetUtcNow();
    }

    public ReadOnlyMemory<byte> SessionId => _sessionId ?? [];

    public NegotiatedAlgorithms Algorithms { get; private set; }

    public string ClientVersion { get; private set; } = "";

    public TimeSpan PendingWriteTime => Volatile.Read(ref _writeStarted) is var started and not NoWrite ? _time.GetElapsedTime(started) : TimeSpan.Zero;

    /// <summary>How many key exchanges completed (1 after the handshake).</summary>
    public int KeyExchangeCount { get; private set; }

    /// <summary>Whether strict KEX is in force (both sides signalled it).</summary>
    public bool StrictKex => _strictKex;

    /// <summary>
    /// Runs the version exchange and the first key exchange. On a protocol violation the client gets a DISCONNECT
    /// with the reason before the exception propagates.
    /// </summary>
    public static async Task<SshTransport> AcceptAsync(Stream stream, IHostKey hostKey, SshTransportOptions options, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var transport = new SshTransport(stream, hostKey, options, time, logger);
        try
        {
            await transport.HandshakeAsync(cancellationToken).ConfigureAwait(false);
            return transport;
        }
        catch (SshProtocolException ex)
        {
            await transport.DisconnectAsync(ex.Reason, ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(_options.ServerVersion + "\r\n"), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        var line = await _input.ReadLineAsync(_options.MaxVersionLineLength, cancellationToken).ConfigureAwait(false);
        var version = line is null ? null : Encoding.ASCII.GetString(line);
        // A client must send its identification first (RFC 4253 §4.2 lets only servers send other lines before it).
        if (version is null || !(version.StartsWith("SSH-2.0-", StringComparison.Ordinal) || version.StartsWith("SSH-1.99-", StringComparison.Ordinal))
            || version.Any(c => c is '\0' or '\r' || c > 126))
        {
            throw new SshProtocolException(DisconnectReason.ProtocolVersionNotSupported, "Invalid SSH identification string.");
        }

        ClientVersion = version;
        await SendKexInitAsync(cancellationToken).ConfigureAwait(false);

        // Before the client's KEXINIT only IGNORE/DEBUG may come (and under strict KEX not even those: checked below).
        while (true)
        {
            var sequence = _receiveSequence;
            var payload = await ReadRawPacketAsync(cancellationToken).ConfigureAwait(false);
            switch (payload.Span[0])
            {
                case MessageNumber.KexInit:
                    await RunKeyExchangeAsync(payload, sequence, initial: true, cancellationToken).ConfigureAwait(false);
                    return;
                case MessageNumber.Ignore or MessageNumber.Debug:
                    continue;
                case MessageNumber.Disconnect:
                    throw PeerDisconnected(payload);
                default:
                    throw new SshProtocolException(DisconnectReason.ProtocolError, $"expected KEXINIT, got message {payload.Span[0]}");
            }
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                var sequence = _receiveSequence;
                var payload = await ReadRawPacketAsync(cancellationToken).ConfigureAwait(false);
                var number = payload.Span[0];
                switch (number)
                {
                    case MessageNumber.Disconnect:
                        throw PeerDisconnected(payload);
                    case MessageNumber.Ignore or MessageNumber.Debug or MessageNumber.Unimplemented:
                        continue;
                    case MessageNumber.KexInit:
                        await RunKeyExchangeAsync(payload, sequence, initial: false, cancellationToken).ConfigureAwait(false);
                        continue;
                    case MessageNumber.ServiceRequest:
                        return payload;
                    case var upper when MessageNumber.IsForUpperLayers(upper):
                        await RekeyIfDueAsync(cancellationToken).ConfigureAwait(false);
                        return payload;
                    default:
                        if (MessageNumber.IsTransport(number))
                        {
                            throw new SshProtocolException(DisconnectReason.ProtocolError, $"unexpected transport message {number} outside a key exchange");
                        }

                        // RFC 4253 §11.4: unknown message numbers get UNIMPLEMENTED with the packet's sequence number.
                        await WriteRawAsync(new SshWriter(8).WriteByte(MessageNumber.Unimplemented).WriteUInt32(sequence).WrittenMemory, cancellationToken).ConfigureAwait(false);
                        continue;
                }
            }
        }
        catch (SshProtocolException ex)
        {
            await DisconnectAsync(ex.Reason, ex.Message, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        // Channel data waits out a key exchange (back-pressure). Anything else is a reply or control message, often
        // sent by the connection's read loop itself: waiting would stop the reading that completes the key exchange
        // (a deadlock whenever our KEXINIT went out just before a request that wants an answer), so it is queued.
        var isData = payload.Span[0] is MessageNumber.ChannelData or MessageNumber.ChannelExtendedData;
        while (true)
        {
            if (isData)
            {
                await Volatile.Read(ref _kexDone).Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var gate = Volatile.Read(ref _kexDone).Task;
            await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                // A key exchange may be under way (or have started after the gate): only transport messages may go
                // until it ends (RFC 4253 §7.1).
                if (_kexInProgress)
                {
                    if (!isData && _queuedDuringKex.Count < MaxQueuedDuringKex)
                    {
                        _queuedDuringKex.Enqueue(payload.ToArray());
                        return;
                    }
                }
                else
                {
                    await WriteLockedAsync(payload, cancellationToken).ConfigureAwait(false);
                    gate = null;
                }
            }
            finally
            {
                _writeLock.Release();
            }

            if (gate is null)
            {
                await RekeyIfDueAsync(cancellationToken).ConfigureAwait(false);
                return;
            }

            // Data, or the queue is full (a client that piles up requests and never finishes the exchange): wait.
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Starts a server-side key exchange once the byte, packet or time limit is reached (RFC 4253 §9, RFC 4344 §3.1).</summary>
    private async ValueTask RekeyIfDueAsync(CancellationToken cancellationToken)
    {
        var bytes = _bytesWritten + _input.BytesRead - _bytesAtLastKex;
        var packets = Math.Max(Interlocked.Read(ref _packetsSentSinceKex), Interlocked.Read(ref _packetsReceivedSinceKex));
        if (bytes < _options.RekeyAfterBytes && packets < _options.RekeyAfterPackets && _time.GetUtcNow() - _lastKexAt < _options.RekeyAfter)
        {
            return;
        }

        await SendKexInitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends our KEXINIT unless one is already out, closing the gate for other writers.</summary>
    private async ValueTask SendKexInitAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ourKexInit is not null)
            {
                return;
            }

            if (!_kexInProgress)
            {
                _kexInProgress = true;
                Volatile.Write(ref _kexDone, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            _ourKexInit = KexInitMessage.Create(s_serverKex, [_hostKey.Algorithm]);
            await WriteLockedAsync(_ourKexInit.Payload, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task RunKeyExchangeAsync(ReadOnlyMemory<byte> clientPayload, uint clientKexInitSequence, bool initial, CancellationToken cancellationToken)
    {
        var client = KexInitMessage.Parse(clientPayload);
        if (initial)
        {
            _strictKex = client.KeyExchange.Contains(AlgorithmNames.StrictKexClient);
            _clientWantsExtInfo = client.KeyExchange.Contains(AlgorithmNames.ExtInfoClient);
            if (_strictKex && clientKexInitSequence != 0)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, "strict KEX violation: KEXINIT was not the first packet");
            }
        }

        await SendKexInitAsync(cancellationToken).ConfigureAwait(false);
        var ours = _ourKexInit!;
        var algorithms = AlgorithmNegotiation.Negotiate(client, ours);
        if (client.FirstKexPacketFollows && !AlgorithmNegotiation.GuessIsRight(client, ours))
        {
            // RFC 4253 §7: a wrong guess is silently dropped (allowed under strict KEX too, as OpenSSH does).
            await ReadRawPacketAsync(cancellationToken).ConfigureAwait(false);
        }

        var init = await ReadKexPacketAsync(MessageNumber.KexEcdhInit, initial, cancellationToken).ConfigureAwait(false);
        var reader = new SshReader(init.Span);
        reader.ReadByte();
        var clientPublic = reader.ReadString().ToArray();
        reader.EnsureEnd();

        var kex = KexAlgorithm.For(algorithms.KeyExchange);
        var (serverPublic, secret) = kex.Respond(clientPublic);
        var exchangeHash = ExchangeHash(kex.Hash, client.Payload, ours.Payload, clientPublic, serverPublic, secret);
        _sessionId ??= exchangeHash;
        var (incoming, outgoing) = SessionKeys.Derive(algorithms, kex.Hash, secret, exchangeHash, _sessionId);
        CryptographicOperations.ZeroMemory(secret);

        var reply = new SshWriter(serverPublic.Length + 256)
            .WriteByte(MessageNumber.KexEcdhReply)
            .WriteString(_hostKey.PublicKeyBlob.Span)
            .WriteString(serverPublic)
            .WriteString(_hostKey.Sign(exchangeHash));
        await WriteRawAsync(reply.WrittenMemory, cancellationToken).ConfigureAwait(false);
        await WriteRawAsync(new byte[] { MessageNumber.NewKeys }, cancellationToken, afterWrite: () =>
        {
            _outgoing.Dispose();
            _outgoing = outgoing;
            if (_strictKex)
            {
                _sendSequence = 0;
            }
        }).ConfigureAwait(false);

        await ReadKexPacketAsync(MessageNumber.NewKeys, initial, cancellationToken).ConfigureAwait(false);
        _incoming.Dispose();
        _incoming = incoming;
        if (_strictKex)
        {
            _receiveSequence = 0;
        }

        if (initial && _clientWantsExtInfo)
        {
            // RFC 8308 §2.4: EXT_INFO is the first packet after our NEWKEYS.
            var extInfo = new SshWriter()
                .WriteByte(MessageNumber.ExtInfo)
                .WriteUInt32(1)
                .WriteAsciiString("server-sig-algs")
                .WriteNameList(AlgorithmNames.UserSignatures);
            await WriteRawAsync(extInfo.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }

        Algorithms = algorithms;
        KeyExchangeCount++;
        _bytesAtLastKex = _bytesWritten + _input.BytesRead;
        Interlocked.Exchange(ref _packetsSentSinceKex, 0);
        Interlocked.Exchange(ref _packetsReceivedSinceKex, 0);
        _lastKexAt = _time.GetUtcNow();
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // What was queued during the exchange goes first, in order, under the new keys.
            while (_queuedDuringKex.TryDequeue(out var queued))
            {
                await WriteLockedAsync(queued, cancellationToken).ConfigureAwait(false);
            }

            _ourKexInit = null;
            _kexInProgress = false;
        }
        finally
        {
            _writeLock.Release();
        }

        Volatile.Read(ref _kexDone).TrySetResult();
        _logger.LogDebug("Key exchange {Count} done: {Kex}, {HostKey}, {CipherIn}/{CipherOut} {MacIn}, strict {Strict}",
            KeyExchangeCount, algorithms.KeyExchange, algorithms.HostKey, algorithms.CipherClientToServer, algorithms.CipherServerToClient, algorithms.MacClientToServer, _strictKex);
    }

    /// <summary>
    /// Reads the next key-exchange packet. Under strict KEX during the first exchange anything else is a violation
    /// (OpenSSH's text); otherwise IGNORE and DEBUG may come in between.
    /// </summary>
    private async Task<ReadOnlyMemory<byte>> ReadKexPacketAsync(byte expected, bool initial, CancellationToken cancellationToken)
    {
        while (true)
        {
            var sequence = _receiveSequence;
            var payload = await ReadRawPacketAsync(cancellationToken).ConfigureAwait(false);
            var number = payload.Span[0];
            if (number == expected)
            {
                return payload;
            }

            if (number == MessageNumber.Disconnect)
            {
                throw PeerDisconnected(payload);
            }

            if (_strictKex && initial)
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"strict KEX violation: unexpected packet type {number} (seqnr {sequence})");
            }

            if (number is not (MessageNumber.Ignore or MessageNumber.Debug))
            {
                throw new SshProtocolException(DisconnectReason.ProtocolError, $"expected message {expected} during key exchange, got {number}");
            }
        }
    }

    /// <summary>H = HASH(V_C ‖ V_S ‖ I_C ‖ I_S ‖ K_S ‖ Q_C ‖ Q_S ‖ K), each as a string except K (already encoded).</summary>
    private byte[] ExchangeHash(HashAlgorithmName hash, byte[] clientKexInit, byte[] serverKexInit, byte[] clientPublic, byte[] serverPublic, byte[] encodedSecret)
    {
        var data = new SshWriter(4096)
            .WriteAsciiString(ClientVersion)
            .WriteAsciiString(_options.ServerVersion)
            .WriteString(clientKexInit)
            .WriteString(serverKexInit)
            .WriteString(_hostKey.PublicKeyBlob.Span)
            .WriteString(clientPublic)
            .WriteString(serverPublic)
            .WriteBytes(encodedSecret);
        using var digest = IncrementalHash.CreateHash(hash);
        digest.AppendData(data.WrittenSpan);
        return digest.GetHashAndReset();
    }

    private static SshConnectionClosedException PeerDisconnected(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var reader = new SshReader(payload.Span);
            reader.ReadByte();
            var reason = (DisconnectReason)reader.ReadUInt32();
            var description = reader.ReadUtf8String();
            return new SshConnectionClosedException($"the client disconnected ({reason}): {Sanitize(description)}", reason);
        }
        catch (SshProtocolException)
        {
            return new SshConnectionClosedException("the client disconnected");
        }
    }

    /// <summary>
    /// Peer text on its way to logs: C0 and C1 controls and DEL as <c>\xHH</c>; invisible format and separator
    /// characters (bidi overrides, U+2028) and broken surrogates as <c>\uXXXX</c>; a backslash doubled, so an
    /// escape in a log always means one was made; cut to 200 characters. What a client sends can then never split
    /// a log line, forge one, or reach an operator's terminal as a command, and it stays readable.
    /// </summary>
    internal static string Sanitize(string text)
    {
        const int MaxLength = 200;
        var end = Math.Min(text.Length, MaxLength);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        var builder = new StringBuilder(end + 16);
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < end && char.IsLowSurrogate(text[i + 1]))
            {
                var rune = new Rune(c, text[i + 1]);
                if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{rune.Value:x8}");
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
            }
            else if (c == '\\')
            {
                builder.Append(@"\\");
            }
            else if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
            }
            else if (char.IsSurrogate(c) || char.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return end < text.Length ? builder.Append('…').ToString() : builder.ToString();
    }

    private static TaskCompletionSource CompletedGate()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.SetResult();
        return gate;
    }
}
