using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Hostile;

/// <summary>
/// Hostile and broken input over raw sockets: each gets a disconnect with a reason (or a plain close where no
/// packet can be sent) and a log line, and afterwards a well-behaved client still completes a key exchange.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync()
    {
        // Whatever the test did, the server still serves others.
        await using (var healthy = await RawSshClient.ConnectAsync(_server.Port))
        {
            await healthy.KeyExchangeAsync();
        }

        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\n")]
    [InlineData("SSH-1.5-old\r\n")]
    [InlineData("\0\0\0\0garbage\n")]
    public async Task GarbageBanner_Disconnected(string banner)
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port, sendVersion: false);
        await client.SendBytesAsync(Encoding.ASCII.GetBytes(banner));
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolVersionNotSupported, reason);
        Assert.Equal("Invalid SSH identification string.", text);
        await _server.Log.WaitForAsync("Invalid SSH identification string.");
    }

    [Fact]
    public async Task EndlessBannerLine_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port, sendVersion: false);
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("SSH-2.0-" + new string('x', 9000)));
        var (reason, _) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolVersionNotSupported, reason);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(4u)]
    [InlineData(262148u)]
    [InlineData(uint.MaxValue)]
    public async Task BadPacketLength_Disconnected(uint length)
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        await client.SendBytesAsync(header);
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Equal($"Bad packet length {length}.", text);
        await _server.Log.WaitForAsync($"Bad packet length {length}.");
    }

    [Fact]
    public async Task BadPadding_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.SendPacketAsync(RawSshClient.KexInitPayload(strict: true), paddingLength: 2, lengthOverride: null);
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Contains("padding", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadMac_AfterKeyExchange_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray(), corruptTag: true);
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.MacError, reason);
        Assert.Equal("Corrupted MAC on input.", text);
        await _server.Log.WaitForAsync("Corrupted MAC on input.");
    }

    [Fact]
    public async Task TruncatedPacket_ClientGoes_ServerCarriesOn()
    {
        await using (var client = await RawSshClient.ConnectAsync(_server.Port))
        {
            var header = new byte[4 + 10];
            BinaryPrimitives.WriteUInt32BigEndian(header, 1020);
            await client.SendBytesAsync(header);
        }

        await _server.Log.WaitForAsync("closed the connection");
    }

    [Fact]
    public async Task UnknownMessageNumber_AfterKeyExchange_Unimplemented()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new byte[] { 200, 1, 2, 3 });
        byte[]? reply;
        do
        {
            reply = await client.ReadPacketAsync();
        }
        while (reply is not null && reply[0] == MessageNumber.ExtInfo);

        Assert.NotNull(reply);
        Assert.Equal(MessageNumber.Unimplemented, reply[0]);
    }

    [Fact]
    public async Task UnexpectedTransportMessage_BeforeKexInit_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.SendPacketAsync(new byte[] { MessageNumber.KexEcdhInit, 0, 0, 0, 0 });
        var (reason, _) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
    }

    [Fact]
    public async Task OversizedNameList_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        var payload = new SshWriter()
            .WriteByte(MessageNumber.KexInit).WriteBytes(new byte[16])
            .WriteNameList([string.Join(',', Enumerable.Repeat("curve25519-sha256", 1000))]);
        await client.SendPacketAsync(payload.ToArray());
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Contains("name-list", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    [InlineData(0)]
    public async Task InvalidCurvePoint_WrongLength_KeyExchangeFailed(int length)
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.KeyExchangeAsync(clientPublicOverride: new byte[length]));
        Assert.Equal("server disconnected: X25519 public key is not 32 bytes", error.Message);
        await _server.Log.WaitForAsync("not 32 bytes");
    }

    [Fact]
    public async Task AllZeroX25519Key_KeyExchangeFailed()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.KeyExchangeAsync(clientPublicOverride: new byte[32]));
        Assert.Contains("all zero", error.Message, StringComparison.Ordinal);
        await _server.Log.WaitForAsync("all zero");
    }

    [Fact]
    public async Task SignatureByAnotherKey_AuthorizedBlob_Refused()
    {
        var authorized = new Ed25519PrivateKeyParameters(new SecureRandom());
        var attacker = new Ed25519PrivateKeyParameters(new SecureRandom());
        var authorizedBlob = new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(authorized.GeneratePublicKey().GetEncoded()).ToArray();
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(authorizedBlob));

        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        await ReadPastExtInfoAsync(client);

        var reply = await SignedRequestAsync(client, authorizedBlob, attacker);
        Assert.Equal(MessageNumber.UserAuthFailure, reply[0]);
        // The real key still works on the same connection.
        Assert.Equal(MessageNumber.UserAuthSuccess, (await SignedRequestAsync(client, authorizedBlob, authorized))[0]);
    }

    [Fact]
    public async Task WindowOverflow_DataBeyondGrantedWindow_Disconnected()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        var blob = new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(key.GeneratePublicKey().GetEncoded()).ToArray();
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(blob));
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        await ReadPastExtInfoAsync(client);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await SignedRequestAsync(client, blob, key))[0]);

        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelOpen).WriteAsciiString("session").WriteUInt32(0).WriteUInt32(1 << 20).WriteUInt32(32768).ToArray());
        var confirmation = await client.ReadPacketAsync();
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, confirmation![0]);
        var window = BinaryPrimitives.ReadUInt32BigEndian(confirmation.AsSpan(9));
        var chunk = new byte[32 * 1024];
        for (long sent = 0; sent <= window; sent += chunk.Length)
        {
            await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelData).WriteUInt32(0).WriteString(chunk).ToArray());
        }

        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Contains("window", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A user name built to forge log lines and drive a terminal reaches every log line escaped (issue 10 item 4):
    /// the refused attempt, the login, and the session that failed.
    /// </summary>
    [Fact]
    public async Task HostileUserName_EveryLogLineShowsItEscaped()
    {
        const string user = "evil\n[00:00:00 INF] forged\u001b[2J\u202e";
        const string escaped = @"evil\x0a[00:00:00 INF] forged\x1b[2J\u202e";
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(RawSshClient.Blob(key)));
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        await ReadPastExtInfoAsync(client);
        var stranger = new Ed25519PrivateKeyParameters(new SecureRandom());
        Assert.Equal(MessageNumber.UserAuthFailure, (await client.SignedRequestAsync(RawSshClient.Blob(stranger), stranger, user))[0]);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await client.SignedRequestAsync(RawSshClient.Blob(key), key, user))[0]);
        await client.OpenSessionAsync();
        await client.SendChannelRequestAsync(0, "exec", wantReply: false, new SshWriter().WriteUtf8String("fail").ToArray());

        await _server.Log.WaitForAsync($"Session of {escaped} failed");
        await _server.Log.WaitForAsync($"key not authorized for {escaped}");
        await _server.Log.WaitForAsync($"{escaped} authenticated with");
        Assert.DoesNotContain(_server.Log.Lines, line => line.Any(c => char.IsControl(c) || c == '\u202e'));
    }

    private static async Task ReadPastExtInfoAsync(RawSshClient client) =>
        Assert.Equal(MessageNumber.ServiceAccept, (await client.ReadPastExtInfoAsync())![0]);

    private static Task<byte[]> SignedRequestAsync(RawSshClient client, byte[] blob, Ed25519PrivateKeyParameters signer) =>
        client.SignedRequestAsync(blob, signer);
}
