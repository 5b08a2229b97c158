using System.Buffers.Binary;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Hostile;

/// <summary>
/// Channel messages from a hand-driven client (issue 10 item 8): what may not end a session, what counts against the
/// window, and which channel numbers are open (RFC 4254 §5).
/// </summary>
public sealed class ChannelTests : IAsyncLifetime
{
    /// <summary>Small, so that one packet can overflow it.</summary>
    private const uint Window = 16 * 1024;

    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(o => o with { Connection = o.Connection with { InitialWindow = Window } });
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(RawSshClient.Blob(_key)));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EmptyChannelData_InShell_SessionGoesOn()
    {
        await using var client = await ShellAsync();
        await client.SendPacketAsync(Data(0, []));
        await client.SendPacketAsync(Data(0, "hello\n"u8.ToArray()));
        Assert.Equal("echo:hello\r\n", await ReadDataAsync(client));
    }

    [Fact]
    public async Task ExtendedData_InShell_DroppedAndSessionGoesOn()
    {
        await using var client = await ShellAsync();
        await client.SendPacketAsync(ExtendedData(0, "not for the shell\n"u8.ToArray()));
        await client.SendPacketAsync(Data(0, "hello\n"u8.ToArray()));
        Assert.Equal("echo:hello\r\n", await ReadDataAsync(client));
    }

    [Fact]
    public async Task ExtendedData_BeyondWindow_Disconnected()
    {
        await using var client = await LoggedInAsync();
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, (await client.OpenSessionAsync())[0]);
        // RFC 4254 §5.2: extended data consumes the same window as ordinary data.
        await client.SendPacketAsync(ExtendedData(0, new byte[Window + 1]));
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Contains("window", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// A client maximum packet too small to carry data after our 64 bytes of headroom must not wrap the size of the
    /// pieces we send (it did: 0 - 64 as uint); such a channel is refused with the reason.
    /// </summary>
    [Theory]
    [InlineData(0u)]
    [InlineData(63u)]
    [InlineData(64u)]
    [InlineData(1023u)]
    public async Task Open_ClientMaxPacketBelowMinimum_RefusedWithReason(uint maxPacket)
    {
        await using var client = await LoggedInAsync();
        var reply = await client.OpenSessionAsync(maxPacket: maxPacket);
        Assert.True(reply[0] == MessageNumber.ChannelOpenFailure, $"expected CHANNEL_OPEN_FAILURE, got message {reply[0]}");
        var reader = new SshReader(reply);
        reader.ReadByte();
        reader.ReadUInt32();
        reader.ReadUInt32();
        Assert.Equal($"maximum packet {maxPacket} is below the 1024 bytes this server needs", reader.ReadUtf8String());
        Assert.True(await client.AnswersAsync());
    }

    [Fact]
    public async Task Open_ClientMaxPacketAtMinimum_OutputInPiecesThatFit()
    {
        await using var client = await LoggedInAsync();
        var channel = ServerChannel(await client.OpenSessionAsync(maxPacket: 1024));
        await client.SendChannelRequestAsync(channel, "exec", wantReply: true, new SshWriter().WriteUtf8String("big 10000").ToArray());
        Assert.Equal(MessageNumber.ChannelSuccess, (await client.ReadPacketAsync())?[0]);
        var total = 0;
        while (total < 10000)
        {
            var length = (await ReadDataBytesAsync(client)).Length;
            Assert.InRange(length, 1, 1024);
            total += length;
        }

        Assert.Equal(10000, total);
    }

    public static TheoryData<string> ChannelMessages() => ["data", "extended data", "window adjust", "eof", "close", "request"];

    [Theory]
    [MemberData(nameof(ChannelMessages))]
    public async Task Message_ForChannelNeverOpened_ProtocolError(string message)
    {
        await using var client = await LoggedInAsync();
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, (await client.OpenSessionAsync())[0]);
        await client.SendPacketAsync(ChannelMessage(message, 7));
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Equal("no channel 7", text);
    }

    /// <summary>
    /// The session ends and the server sends CLOSE; before the client has seen it, it sends more on the channel. That
    /// is legitimate (RFC 4254 §5.3) and must neither fail nor be answered: nothing may follow our CLOSE. Once both
    /// CLOSEs have passed the channel number is free, and a message for it is a protocol error.
    /// </summary>
    [Theory]
    [MemberData(nameof(ChannelMessages))]
    public async Task Message_AfterServerCloseBeforeClientClose_IgnoredThenChannelForgotten(string message)
    {
        await using var client = await LoggedInAsync();
        var channel = ServerChannel(await client.OpenSessionAsync());
        await client.SendChannelRequestAsync(channel, "exec", wantReply: true, new SshWriter().WriteUtf8String("echo done").ToArray());
        while ((await client.ReadPacketAsync())?[0] is { } number && number != MessageNumber.ChannelClose)
        {
        }

        await client.SendPacketAsync(ChannelMessage(message, channel));
        if (message != "close")
        {
            await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelClose).WriteUInt32(channel).ToArray());
        }

        // The reply to this global request is the next thing the server sends: nothing went out for the channel.
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("barrier@styx").WriteBoolean(true).ToArray());
        Assert.Equal(MessageNumber.RequestFailure, (await client.ReadPacketAsync())?[0]);

        await client.SendPacketAsync(Data(channel, "late"u8.ToArray()));
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Equal($"no channel {channel}", text);
    }

    private async Task<RawSshClient> LoggedInAsync()
    {
        var client = await RawSshClient.ConnectAsync(_server.Port);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await client.LoginAsync(_key))[0]);
        return client;
    }

    /// <summary>A logged-in client with a shell on channel 0 that has printed its first line.</summary>
    private async Task<RawSshClient> ShellAsync()
    {
        var client = await LoggedInAsync();
        var channel = ServerChannel(await client.OpenSessionAsync());
        Assert.Equal(0u, channel);
        await client.SendChannelRequestAsync(channel, "shell", wantReply: true);
        Assert.Equal(MessageNumber.ChannelSuccess, (await client.ReadPacketAsync())?[0]);
        Assert.Equal("ready 80x24\r\n", await ReadDataAsync(client));
        return client;
    }

    private static uint ServerChannel(byte[] confirmation)
    {
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, confirmation[0]);
        return BinaryPrimitives.ReadUInt32BigEndian(confirmation.AsSpan(5));
    }

    private static async Task<string> ReadDataAsync(RawSshClient client) => Encoding.UTF8.GetString(await ReadDataBytesAsync(client));

    /// <summary>The next CHANNEL_DATA's bytes; fails on anything else (such as the session ending).</summary>
    private static async Task<byte[]> ReadDataBytesAsync(RawSshClient client)
    {
        var payload = await client.ReadPacketAsync() ?? throw new InvalidOperationException("closed");
        Assert.True(payload[0] == MessageNumber.ChannelData, $"expected CHANNEL_DATA, got message {payload[0]}");
        var reader = new SshReader(payload);
        reader.ReadByte();
        reader.ReadUInt32();
        return reader.ReadString().ToArray();
    }

    private static byte[] Data(uint channel, byte[] data) =>
        new SshWriter().WriteByte(MessageNumber.ChannelData).WriteUInt32(channel).WriteString(data).ToArray();

    private static byte[] ExtendedData(uint channel, byte[] data) =>
        new SshWriter().WriteByte(MessageNumber.ChannelExtendedData).WriteUInt32(channel).WriteUInt32(1).WriteString(data).ToArray();

    private static byte[] ChannelMessage(string message, uint channel) => message switch
    {
        "data" => Data(channel, "x"u8.ToArray()),
        "extended data" => ExtendedData(channel, "x"u8.ToArray()),
        "window adjust" => new SshWriter().WriteByte(MessageNumber.ChannelWindowAdjust).WriteUInt32(channel).WriteUInt32(1024).ToArray(),
        "eof" => new SshWriter().WriteByte(MessageNumber.ChannelEof).WriteUInt32(channel).ToArray(),
        "close" => new SshWriter().WriteByte(MessageNumber.ChannelClose).WriteUInt32(channel).ToArray(),
        _ => new SshWriter().WriteByte(MessageNumber.ChannelRequest).WriteUInt32(channel).WriteAsciiString("window-change").WriteBoolean(true)
            .WriteUInt32(100).WriteUInt32(30).WriteUInt32(0).WriteUInt32(0).ToArray(),
    };
}
