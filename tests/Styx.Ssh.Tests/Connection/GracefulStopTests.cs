using System.Buffers.Binary;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;
using Styx.Testing;

namespace Styx.Ssh.Tests.Connection;

/// <summary>
/// <see cref="Server.SshServer.StopAsync"/> (issue 14 item 5): the listener closes first, connections still logging in
/// get a DISCONNECT saying why, running sessions are told and end with their own exit status before the channel closes
/// (RFC 4254 §6.10), and sessions that do not end by the deadline are cut.
/// </summary>
public sealed class GracefulStopTests : IAsyncLifetime
{
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync();
        _server.Authorize("ssh-ed25519 " + Convert.ToBase64String(RawSshClient.Blob(_key)));
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task StopAsync_RunningExec_ToldThenItsExitStatusThenClosed()
    {
        var ssh = OpenSshAsync(await _server.CreateUserKeyAsync("ed25519"), "until-stop");
        await Eventually.True(() => _server.Handler.Waiting == 1, "the exec waits for the stop");

        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var cut = await _server.Server.StopAsync(deadline.Token);

        var result = await ssh;
        Assert.Equal(0, cut);
        // OpenSSH returns the remote status only when exit-status came before the channel closed; 255 would mean the
        // connection went first.
        Assert.True(result.ExitCode == 7, $"exit {result.ExitCode}: {result.Stderr}");
        Assert.Equal("told: the server is stopping\n", result.Stderr);
    }

    [Fact]
    public async Task StopAsync_SessionThatDoesNotEnd_NewConnectionsRefusedMeanwhile_CutAtTheDeadline()
    {
        var ssh = OpenSshAsync(await _server.CreateUserKeyAsync("ed25519"), "ignore-stop");
        await Eventually.True(() => _server.Handler.Waiting == 1, "the exec runs");
        var port = _server.Port;

        using var deadline = new CancellationTokenSource();
        var stopping = _server.Server.StopAsync(deadline.Token);

        await Eventually.True(async _ => await ListeningPort.RefusesAsync(port), "a new TCP connection is refused");
        Assert.False(stopping.IsCompleted, "the stop waits for the session that does not end");
        await deadline.CancelAsync();
        Assert.Equal(1, await stopping);
        Assert.Equal(255, (await ssh).ExitCode);
    }

    [Fact]
    public async Task StopAsync_ConnectionStillLoggingIn_DisconnectedSayingWhy()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        // The server's side of the key exchange is done too: a connection stopped in the middle of one is only closed,
        // as one is that runs out of login grace time there.
        await _server.Log.WaitForAsync("negotiated");

        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var stopping = _server.Server.StopAsync(deadline.Token);

        Assert.Equal((DisconnectReason.ByApplication, "server is stopping"), await client.ExpectDisconnectAsync());
        Assert.Equal(0, await stopping);
    }

    [Fact]
    public async Task StopAsync_LoggedInWithAChannelButNoShellYet_ChannelClosedThenDisconnected()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await client.LoginAsync(_key))[0]);
        var confirmation = await client.OpenSessionAsync();
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, confirmation[0]);
        var channel = BinaryPrimitives.ReadUInt32BigEndian(confirmation.AsSpan(5));

        using var deadline = new CancellationTokenSource(Eventually.DefaultTimeout);
        var stopping = _server.Server.StopAsync(deadline.Token);

        // The channel that never started a session is closed; once we close our side, the connection ends.
        Assert.Equal(MessageNumber.ChannelClose, (await client.ReadPacketAsync())?[0]);
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ChannelClose).WriteUInt32(channel).ToArray());
        Assert.Equal((DisconnectReason.ByApplication, "server is stopping"), await client.ExpectDisconnectAsync());
        Assert.Equal(0, await stopping);
    }

    private Task<ProcessRunner.Result> OpenSshAsync(string key, string command) =>
        ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"),
        [
            "-p", _server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-i", key, "-o", "IdentitiesOnly=yes",
            "-o", "UserKnownHostsFile=" + _server.KnownHosts, "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=yes",
            "-o", "BatchMode=yes", "-F", "/dev/null", "alice@127.0.0.1", command,
        ]);
}
