using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;
using Styx.Ssh.Transport;
using Styx.Ssh.Transport.KeyExchange;
using Styx.Ssh.Transport.Protection;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Support;

/// <summary>
/// A hand-driven SSH client for hostile-input tests: it sends banners, packets and key exchanges exactly as told,
/// including malformed ones, and reports how the server answered (a DISCONNECT with its reason, or a closed socket).
/// The key exchange (curve25519-sha256 with aes128-ctr + hmac-sha2-256-etm) uses the same primitives as the server.
/// </summary>
internal sealed class RawSshClient : IAsyncDisposable
{
    public const string ClientVersion = "SSH-2.0-StyxRawProbe_1.0";

    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;
    private InputBuffer _input = null!;
    private PacketProtection _in = NoProtection.Instance;
    private PacketProtection _out = NoProtection.Instance;
    private uint _sendSequence;
    private uint _receiveSequence;

    public string ServerVersion { get; private set; } = "";

    /// <summary>Our end of the TCP connection, as the server logs it.</summary>
    public IPEndPoint LocalEndPoint
    {
        get
        {
            // The socket is dual-mode: map back to the IPv4 address the server sees.
            var local = (IPEndPoint)_tcp.Client.LocalEndPoint!;
            return local.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(local.Address.MapToIPv4(), local.Port) : local;
        }
    }

    public byte[]? SessionId { get; private set; }

    public byte[] ServerKexInit { get; private set; } = [];

    public static async Task<RawSshClient> ConnectAsync(int port, bool sendVersion = true)
    {
        var client = new RawSshClient();
        await client._tcp.ConnectAsync("127.0.0.1", port);
        client._stream = client._tcp.GetStream();
        client._input = new InputBuffer(client._stream);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        client.ServerVersion = Encoding.ASCII.GetString(await client._input.ReadLineAsync(8192, timeout.Token) ?? []);
        if (sendVersion)
        {
            await client.SendBytesAsync(Encoding.ASCII.GetBytes(ClientVersion + "\r\n"));
        }

        return client;
    }

    public async Task SendBytesAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Sends one packet; the knobs break it in the ways the server must survive.</summary>
    public async Task SendPacketAsync(ReadOnlyMemory<byte> payload, bool corruptTag = false, int? paddingLength = null, uint? lengthOverride = null)
    {
        var block = _out.BlockSize;
        var unaligned = 1 + payload.Length + (_out.AlignmentIncludesLength ? 4 : 0);
        var padding = paddingLength ?? (block - unaligned % block < 4 ? 2 * block - unaligned % block : block - unaligned % block);
        var length = 1 + payload.Length + padding;
        var packet = new byte[4 + length + _out.TagSize];
        BinaryPrimitives.WriteUInt32BigEndian(packet, lengthOverride ?? (uint)length);
        packet[4] = (byte)padding;
        payload.Span.CopyTo(packet.AsSpan(5));
        _out.Seal(_sendSequence++, packet.AsSpan(0, 4 + length), packet.AsSpan(4 + length));
        if (corruptTag)
        {
            packet[^1] ^= 0x55;
        }

        await SendBytesAsync(packet);
    }

    /// <summary>The next packet's payload, or null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadPacketAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            var header = new byte[4];
            await _input.ReadExactlyAsync(header, cts.Token);
            var length = _in.DecryptLength(_receiveSequence, header);
            var packet = new byte[4 + length + _in.TagSize];
            header.CopyTo(packet, 0);
            await _input.ReadExactlyAsync(packet.AsMemory(4), cts.Token);
            if (!_in.Open(_receiveSequence++, packet.AsSpan(0, 4 + (int)length), packet.AsSpan(4 + (int)length)))
            {
                throw new InvalidOperationException("the server's MAC did not verify");
            }

            return packet.AsSpan(5, (int)length - 1 - packet[4]).ToArray();
        }
        catch (Exception ex) when (ex is SshConnectionClosedException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads until the server disconnects: its DISCONNECT reason and text, or (null, null) if it only closed the socket.
    /// Fails if the server keeps the connection open.
    /// </summary>
    public async Task<(DisconnectReason? Reason, string? Text)> ExpectDisconnectAsync()
    {
        while (true)
        {
            byte[]? payload;
            try
            {
                payload = await ReadPacketAsync(TimeSpan.FromSeconds(10));
            }
            catch (OperationCanceledException)
            {
                throw new InvalidOperationException("the server kept the connection open");
            }

            if (payload is null)
            {
                return (null, null);
            }

            if (payload[0] == MessageNumber.Disconnect)
            {
                var reader = new SshReader(payload);
                reader.ReadByte();
                return ((DisconnectReason)reader.ReadUInt32(), reader.ReadUtf8String());
            }
        }
    }

    public static byte[] KexInitPayload(bool strict, string kex = AlgorithmNames.Curve25519, bool extInfo = true)
    {
        var kexList = new List<string> { kex };
        if (extInfo)
        {
            kexList.Add(AlgorithmNames.ExtInfoClient);
        }

        if (strict)
        {
            kexList.Add(AlgorithmNames.StrictKexClient);
        }

        return new SshWriter()
            .WriteByte(MessageNumber.KexInit).WriteBytes(new byte[16])
            .WriteNameList(kexList).WriteNameList([AlgorithmNames.Ed25519])
            .WriteNameList([AlgorithmNames.Aes128Ctr]).WriteNameList([AlgorithmNames.Aes128Ctr])
            .WriteNameList([AlgorithmNames.HmacSha256Etm]).WriteNameList([AlgorithmNames.HmacSha256Etm])
            .WriteNameList(["none"]).WriteNameList(["none"]).WriteNameList([]).WriteNameList([])
            .WriteBoolean(false).WriteUInt32(0).ToArray();
    }

    /// <summary>Reads packets until the server's KEXINIT.</summary>
    public async Task<byte[]> ReadServerKexInitAsync()
    {
        while (true)
        {
            var payload = await ReadPacketAsync() ?? throw new InvalidOperationException("closed before KEXINIT");
            if (payload[0] == MessageNumber.KexInit)
            {
                ServerKexInit = payload;
                return payload;
            }
        }
    }

    /// <summary>A complete curve25519-sha256 key exchange; afterwards packets are encrypted and authenticated.</summary>
    /// <param name="serverKexInit">The server's KEXINIT when it has already arrived (a rekey the server started).</param>
    public async Task KeyExchangeAsync(bool strict = true, byte[]? clientPublicOverride = null, byte[]? serverKexInit = null)
    {
        var clientKexInit = KexInitPayload(strict);
        await SendPacketAsync(clientKexInit);
        serverKexInit ??= await ReadServerKexInitAsync();
        var secretKey = new X25519PrivateKeyParameters(new SecureRandom());
        var clientPublic = clientPublicOverride ?? secretKey.GeneratePublicKey().GetEncoded();
        await SendPacketAsync(new SshWriter().WriteByte(MessageNumber.KexEcdhInit).WriteString(clientPublic).ToArray());
        var reply = await ReadPacketAsync() ?? throw new InvalidOperationException("closed during key exchange");
        if (reply[0] == MessageNumber.Disconnect)
        {
            var disconnect = new SshReader(reply);
            disconnect.ReadByte();
            disconnect.ReadUInt32();
            throw new InvalidOperationException("server disconnected: " + disconnect.ReadUtf8String());
        }

        if (reply[0] != MessageNumber.KexEcdhReply)
        {
            throw new InvalidOperationException("expected KEX_ECDH_REPLY, got " + reply[0]);
        }

        var reader = new SshReader(reply);
        reader.ReadByte();
        var hostKey = reader.ReadString().ToArray();
        var serverPublic = reader.ReadString().ToArray();
        var shared = new byte[32];
        secretKey.GenerateSecret(new X25519PublicKeyParameters(serverPublic), shared);
        var k = new SshWriter().WriteMPIntUnsigned(shared).ToArray();
        var h = SHA256.HashData(new SshWriter()
            .WriteAsciiString(ClientVersion).WriteAsciiString(ServerVersion)
            .WriteString(clientKexInit).WriteString(serverKexInit).WriteString(hostKey)
            .WriteString(clientPublic).WriteString(serverPublic).WriteBytes(k).WrittenSpan);
        SessionId ??= h;
        byte[] Key(char letter, int length) => SessionKeys.DeriveKey(HashAlgorithmName.SHA256, k, h, (byte)letter, SessionId, length);

        await SendPacketAsync(new byte[] { MessageNumber.NewKeys });
        _out = new AesCtrEtmProtection(Key('C', 16), Key('A', 16), Key('E', 32), HashAlgorithmName.SHA256);
        if (strict)
        {
            _sendSequence = 0;
        }

        var newKeys = await ReadPacketAsync() ?? throw new InvalidOperationException("closed before NEWKEYS");
        if (newKeys[0] != MessageNumber.NewKeys)
        {
            throw new InvalidOperationException("expected NEWKEYS, got " + newKeys[0]);
        }

        _in = new AesCtrEtmProtection(Key('D', 16), Key('B', 16), Key('F', 32), HashAlgorithmName.SHA256);
        if (strict)
        {
            _receiveSequence = 0;
        }
    }

    /// <summary>Reads past EXT_INFO (RFC 8308) to the next packet; null when the server closed the connection.</summary>
    public async Task<byte[]?> ReadPastExtInfoAsync()
    {
        byte[]? reply;
        do
        {
            reply = await ReadPacketAsync();
        }
        while (reply is not null && reply[0] == MessageNumber.ExtInfo);

        return reply;
    }

    /// <summary>The <c>ssh-ed25519</c> public key blob of <paramref name="key"/> (RFC 8709).</summary>
    public static byte[] Blob(Ed25519PrivateKeyParameters key) =>
        new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(key.GeneratePublicKey().GetEncoded()).ToArray();

    /// <summary>
    /// A publickey request for <paramref name="blob"/> signed by <paramref name="signer"/> over this session
    /// (RFC 4252 §7); the server's reply payload.
    /// </summary>
    public async Task<byte[]> SignedRequestAsync(byte[] blob, Ed25519PrivateKeyParameters signer, string user = "mallory")
    {
        var signed = new SshWriter()
            .WriteString(SessionId).WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user)
            .WriteAsciiString("ssh-connection").WriteAsciiString("publickey").WriteBoolean(true)
            .WriteAsciiString(AlgorithmNames.Ed25519).WriteString(blob);
        var ed = new Ed25519Signer();
        ed.Init(true, signer);
        ed.BlockUpdate(signed.WrittenSpan);
        var signature = new SshWriter().WriteAsciiString(AlgorithmNames.Ed25519).WriteString(ed.GenerateSignature()).ToArray();
        await SendPacketAsync(new SshWriter()
            .WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String(user).WriteAsciiString("ssh-connection")
            .WriteAsciiString("publickey").WriteBoolean(true).WriteAsciiString(AlgorithmNames.Ed25519).WriteString(blob).WriteString(signature).ToArray());
        return await ReadPacketAsync() ?? throw new InvalidOperationException("closed");
    }

    /// <summary>Key exchange, <c>ssh-userauth</c> and a signed request with <paramref name="key"/>; the server's answer (SUCCESS, FAILURE or DISCONNECT).</summary>
    public async Task<byte[]> LoginAsync(Ed25519PrivateKeyParameters key, string user = "mallory", bool strict = true)
    {
        await KeyExchangeAsync(strict);
        await SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        var accept = await ReadPastExtInfoAsync();
        if (accept?[0] != MessageNumber.ServiceAccept)
        {
            throw new InvalidOperationException("expected SERVICE_ACCEPT, got " + accept?[0]);
        }

        return await SignedRequestAsync(Blob(key), key, user);
    }

    /// <summary>Opens a <c>session</c> channel (our number 0) with the given window and maximum packet; the server's reply.</summary>
    public async Task<byte[]> OpenSessionAsync(uint window = 1 << 20, uint maxPacket = 32768, uint sender = 0)
    {
        await SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelOpen).WriteAsciiString("session").WriteUInt32(sender).WriteUInt32(window).WriteUInt32(maxPacket).ToArray());
        return await ReadPacketAsync() ?? throw new InvalidOperationException("closed");
    }

    /// <summary>Sends a channel request (RFC 4254 §5.4) with its type-specific fields already encoded.</summary>
    public Task SendChannelRequestAsync(uint channel, string type, bool wantReply, byte[]? fields = null) =>
        SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelRequest).WriteUInt32(channel).WriteAsciiString(type).WriteBoolean(wantReply).WriteBytes(fields ?? []).ToArray());

    /// <summary>Whether the server still answers: a global request with want_reply gets FAILURE (RFC 4254 §4).</summary>
    public async Task<bool> AnswersAsync()
    {
        await SendPacketAsync(new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("ping@styx.test").WriteBoolean(true).ToArray());
        return (await ReadPacketAsync())?[0] == MessageNumber.RequestFailure;
    }

    public async ValueTask DisposeAsync()
    {
        _tcp.Dispose();
        await Task.CompletedTask;
    }
}
