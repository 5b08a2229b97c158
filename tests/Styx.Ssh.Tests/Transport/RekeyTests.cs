using System.Globalization;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Transport;

/// <summary>
/// The server rekeys after a number of packets in either direction (2^31 by default, RFC 4344 §3.1, as OpenSSH), so
/// that without strict KEX no sequence number repeats under one key. The limit is lowered here to watch it happen.
/// </summary>
public sealed class RekeyTests : IAsyncLifetime
{
    private const long PacketLimit = 64;

    private TestServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await TestServer.StartAsync(o => o with { Transport = o.Transport with { RekeyAfterPackets = PacketLimit } });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PacketLimit_ClientSendsMorePackets_ServerSendsKexInit()
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(RawSshClient.Blob(key)));
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await client.LoginAsync(key, strict: false))[0]);

        // Messages that need no answer: the server only counts them. The last one asks for an answer, so the next
        // thing the server sends is either that answer (no rekey) or its KEXINIT first.
        for (var i = 0; i < PacketLimit; i++)
        {
            await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("count@styx.test").WriteBoolean(false).ToArray());
        }

        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("ping@styx.test").WriteBoolean(true).ToArray());
        var kexInit = await client.ReadPacketAsync();
        Assert.Equal(MessageNumber.KexInit, kexInit?[0]);

        // The answer waits for the new keys; the server reads on meanwhile, so the key exchange completes.
        await client.KeyExchangeAsync(strict: false, serverKexInit: kexInit);
        Assert.Equal(MessageNumber.RequestFailure, (await client.ReadPacketAsync())?[0]);
        Assert.True(await client.AnswersAsync());
    }

    [Fact]
    public async Task PacketLimit_LargeOutputToOpenSsh_RekeyedAndOutputIntact()
    {
        var key = await _server.CreateUserKeyAsync("ed25519");
        const int length = 3_000_000;
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"),
        [
            "-p", _server.Port.ToString(CultureInfo.InvariantCulture), "-i", key, "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=" + _server.KnownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
            "-o", "BatchMode=yes", "-F", "/dev/null", "alice@127.0.0.1", "big64 " + length.ToString(CultureInfo.InvariantCulture),
        ]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(Convert.ToBase64String(TestHandler.Pattern(length)) + "\n", result.Stdout);
        // About 4 MB of base64 in packets of at most 32 KiB: well over 64 packets, so at least one server-started rekey.
        await _server.Log.WaitForAsync("Key exchange 2 done");
    }
}
