using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Hostile;

/// <summary>Strict KEX (Terrapin, CVE-2023-48795) over a raw socket, as OpenSSH behaves (ssh-server.md §2.1).</summary>
public sealed class StrictKexTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task IgnoreBeforeKexInit_StrictClient_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.Ignore).WriteString([]).ToArray());
        await client.SendPacketAsync(RawSshClient.KexInitPayload(strict: true));
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Equal("strict KEX violation: KEXINIT was not the first packet", text);
        await _server.Log.WaitForAsync("KEXINIT was not the first packet");
    }

    [Fact]
    public async Task IgnoreBetweenKexInitAndNewKeys_StrictClient_Disconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.SendPacketAsync(RawSshClient.KexInitPayload(strict: true));
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.Ignore).WriteString([]).ToArray());
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ProtocolError, reason);
        Assert.Equal("strict KEX violation: unexpected packet type 2 (seqnr 1)", text);
    }

    [Fact]
    public async Task IgnoreBetweenKexInitAndNewKeys_NonStrictClient_Tolerated()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.Ignore).WriteString([]).ToArray());
        await client.KeyExchangeAsync(strict: false);
        await ServiceRequestWorksAsync(client);
    }

    [Fact]
    public async Task SequenceNumbers_StrictKex_ResetAtNewKeys()
    {
        // The raw client resets its counters at NEWKEYS; the MAC (which covers the sequence number) only verifies
        // both ways if the server reset too.
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync(strict: true);
        await ServiceRequestWorksAsync(client);
    }

    private static async Task ServiceRequestWorksAsync(RawSshClient client)
    {
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        byte[]? reply;
        do
        {
            reply = await client.ReadPacketAsync();
        }
        while (reply is not null && reply[0] == MessageNumber.ExtInfo);

        Assert.NotNull(reply);
        Assert.Equal(MessageNumber.ServiceAccept, reply[0]);
    }
}
