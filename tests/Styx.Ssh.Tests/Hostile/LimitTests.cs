using System.Diagnostics;
using System.Net.Sockets;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Renci.SshNet;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Hostile;

/// <summary>Connection limits: idle floods, login grace time, authentication attempts.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task ThreeHundredIdleConnections_SameAddress_AuthorizedUserStillLogsInWithinASecond()
    {
        await using var server = await TestServer.StartAsync();
        var key = await server.CreateUserKeyAsync("ed25519");
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 300; i++)
            {
                var socket = new TcpClient();
                await socket.ConnectAsync("127.0.0.1", server.Port);
                idle.Add(socket);
            }

            // Let the server accept them all before the real user comes.
            for (var i = 0; i < 100 && server.Server.ConnectionCount < 32; i++)
            {
                await Task.Delay(20);
            }

            var info = new ConnectionInfo("127.0.0.1", server.Port, "erin", new PrivateKeyAuthenticationMethod("erin", new PrivateKeyFile(key)));
            using var client = new SshClient(info);
            var clock = Stopwatch.StartNew();
            client.Connect();
            using var command = client.RunCommand("echo in");
            clock.Stop();
            Assert.Equal("in\n", command.Result);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"login took {clock.Elapsed.TotalMilliseconds:0} ms");
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task LoginGraceTime_ClientThatNeverAuthenticates_Disconnected()
    {
        await using var server = await TestServer.StartAsync(o => o with { LoginGraceTime = TimeSpan.FromSeconds(1) });
        await using var client = await RawSshClient.ConnectAsync(server.Port);
        await client.KeyExchangeAsync();
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.ByApplication, reason);
        Assert.Equal("login grace time (1 s) exceeded", text);
        await server.Log.WaitForAsync("login grace time (1 s) exceeded");
    }

    [Fact]
    public async Task MaxAuthTries_SixRefusedKeys_Disconnected()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await RawSshClient.ConnectAsync(server.Port);
        await client.KeyExchangeAsync();
        await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
        byte[]? reply;
        do
        {
            reply = await client.ReadPacketAsync();
        }
        while (reply is not null && reply[0] == MessageNumber.ExtInfo);

        for (var i = 0; i < 5; i++)
        {
            await QueryAsync(client);
            Assert.Equal(MessageNumber.UserAuthFailure, (await client.ReadPacketAsync())![0]);
        }

        await QueryAsync(client);
        var (reason, text) = await client.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.NoMoreAuthMethodsAvailable, reason);
        Assert.Equal("Too many authentication failures", text);
    }

    [Fact]
    public async Task MaxSessions_SecondSessionBeyondOne_Refused()
    {
        await using var server = await TestServer.StartAsync(o => o with { Connection = o.Connection with { MaxSessions = 1 } });
        var key = await server.CreateUserKeyAsync("ed25519");
        using var client = new SshClient(new ConnectionInfo("127.0.0.1", server.Port, "erin", new PrivateKeyAuthenticationMethod("erin", new PrivateKeyFile(key))));
        client.Connect();
        using var shell = client.CreateShellStream("xterm", 80, 24, 0, 0, 1024);
        Assert.NotNull(shell.Expect("ready", TimeSpan.FromSeconds(10)));
        var refused = Assert.ThrowsAny<Exception>(() => client.RunCommand("echo second"));
        Assert.Contains("open a channel", refused.Message, StringComparison.Ordinal);
        // The first session is unharmed.
        shell.WriteLine("still");
        Assert.NotNull(shell.Expect("echo:still", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task AuthenticatedConnections_OverPerKeyLimit_DisconnectedAfterLoginWithReason()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxConnectionsPerKey = 2 });
        var key = AuthorizedKey(server);
        await using var first = await LoggedInAsync(server, key);
        await using var second = await LoggedInAsync(server, key);
        await using (var third = await RawSshClient.ConnectAsync(server.Port))
        {
            Assert.Equal(MessageNumber.UserAuthSuccess, (await third.LoginAsync(key))[0]);
            var (reason, text) = await third.ExpectDisconnectAsync();
            Assert.Equal(DisconnectReason.TooManyConnections, reason);
            Assert.Equal("too many connections with this key (at most 2)", text);
        }

        await server.Log.WaitForAsync("refused: too many connections with this key (at most 2)");
        Assert.True(await first.AnswersAsync() && await second.AnswersAsync());

        // Another key from the same address is not affected, and a slot frees when a connection ends.
        await using var other = await LoggedInAsync(server, AuthorizedKey(server));
        var firstEnd = first.LocalEndPoint;
        await first.DisposeAsync();
        await server.Log.WaitForAsync($"from {firstEnd} ended");
        await using var again = await LoggedInAsync(server, key);
    }

    [Fact]
    public async Task AuthenticatedConnections_OverPerSourceLimit_DisconnectedAfterLoginWithReason()
    {
        await using var server = await TestServer.StartAsync(o => o with { MaxAuthenticatedPerSource = 2 });
        await using var first = await LoggedInAsync(server, AuthorizedKey(server));
        await using var second = await LoggedInAsync(server, AuthorizedKey(server));
        await using var third = await RawSshClient.ConnectAsync(server.Port);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await third.LoginAsync(AuthorizedKey(server)))[0]);
        var (reason, text) = await third.ExpectDisconnectAsync();
        Assert.Equal(DisconnectReason.TooManyConnections, reason);
        Assert.Equal("too many connections from this address (at most 2)", text);
        await server.Log.WaitForAsync("refused: too many connections from this address (at most 2)");
        Assert.True(await first.AnswersAsync() && await second.AnswersAsync());
    }

    /// <summary>
    /// When the unauthenticated slots (all, or one source's) are full, a new connection drops one picked at random,
    /// as OpenSSH's MaxStartups drops at random: a flood cannot tell which, and a real user's login in progress is
    /// not the one that always goes once it is the oldest. Here the random pick is scripted to the second one.
    /// </summary>
    [Theory]
    [InlineData("all")]
    [InlineData("per source")]
    public async Task UnauthenticatedSlotsFull_NewConnection_DropsTheRandomlyPickedOne(string limit)
    {
        await using var server = await TestServer.StartAsync(
            o => limit == "all" ? o with { MaxUnauthenticated = 3 } : o with { MaxUnauthenticatedPerSource = 3 },
            new ScriptedRandom(1));
        var clients = new List<RawSshClient>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                var client = await RawSshClient.ConnectAsync(server.Port);
                clients.Add(client);
                if (i < 3)
                {
                    await client.KeyExchangeAsync();
                }
            }

            var (reason, text) = await clients[1].ExpectDisconnectAsync();
            Assert.Equal((DisconnectReason.ByApplication, "dropped for a newer unauthenticated connection"), (reason, text));
            await clients[3].KeyExchangeAsync();
            foreach (var kept in new[] { clients[0], clients[2], clients[3] })
            {
                await kept.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.ServiceRequest).WriteAsciiString("ssh-userauth").ToArray());
                Assert.Equal(MessageNumber.ServiceAccept, (await kept.ReadPastExtInfoAsync())?[0]);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A logged-in client that stops reading while the server writes (TCP window full, our write blocks) is
    /// disconnected by the keepalive watchdog after KeepAliveInterval × KeepAliveCountMax, whether it keeps sending
    /// (so it never looks silent) or not, instead of holding the connection and its buffers forever.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ClientStopsReading_WhileServerWrites_DisconnectedByWatchdog(bool keepsSending)
    {
        await using var server = await TestServer.StartAsync(o => o with
        {
            Connection = o.Connection with { KeepAliveInterval = TimeSpan.FromMilliseconds(200), KeepAliveCountMax = 2 },
        });
        await using var client = await LoggedInAsync(server, AuthorizedKey(server));
        await client.OpenSessionAsync(window: uint.MaxValue);
        await client.SendChannelRequestAsync(0, "exec", wantReply: false, new SshWriter().WriteUtf8String("flood").ToArray());

        // From here on the client reads nothing.
        var closing = server.Log.WaitForAsync("Closing connection of mallory");
        while (keepsSending && !closing.IsCompleted)
        {
            // No answer needed: the server's read loop takes it, and the client is never silent.
            await client.SendPacketAsync(new SshWriter().WriteByte(MessageNumber.GlobalRequest).WriteAsciiString("busy@styx.test").WriteBoolean(false).ToArray());
            await Task.WhenAny(closing, Task.Delay(50));
        }

        // A silent client may also run out of keepalives first; one that keeps talking can only be caught by the write.
        var reason = (await closing)[(await closing).IndexOf(": ", StringComparison.Ordinal)..];
        Assert.True(reason == ": not reading: a write has waited more than 0.4 s" || (!keepsSending && reason == ": keepalives unanswered"), reason);
        var ended = await server.Log.WaitForAsync($"from {client.LocalEndPoint} ended");
        Assert.EndsWith("(mallory)" + reason, ended, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Log.Lines, l => l.Contains("failed", StringComparison.Ordinal));
    }

    private static Ed25519PrivateKeyParameters AuthorizedKey(TestServer server)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        server.Authorize("ssh-ed25519 " + Convert.ToBase64String(RawSshClient.Blob(key)));
        return key;
    }

    /// <summary>A raw client logged in with <paramref name="key"/> that the server still answers.</summary>
    private static async Task<RawSshClient> LoggedInAsync(TestServer server, Ed25519PrivateKeyParameters key)
    {
        var client = await RawSshClient.ConnectAsync(server.Port);
        Assert.Equal(MessageNumber.UserAuthSuccess, (await client.LoginAsync(key))[0]);
        Assert.True(await client.AnswersAsync(), "the server did not answer after login");
        return client;
    }

    /// <summary>"Random" numbers the test chooses: always <paramref name="index"/> (within range).</summary>
    private sealed class ScriptedRandom(int index) : Random
    {
        public override int Next(int maxValue) => Math.Min(index, maxValue - 1);
    }

    private static Task QueryAsync(RawSshClient client)
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom()).GeneratePublicKey().GetEncoded();
        var blob = new SshWriter().WriteAsciiString("ssh-ed25519").WriteString(key).ToArray();
        return client.SendPacketAsync(new SshWriter()
            .WriteByte(MessageNumber.UserAuthRequest).WriteUtf8String("nobody").WriteAsciiString("ssh-connection")
            .WriteAsciiString("publickey").WriteBoolean(false).WriteAsciiString("ssh-ed25519").WriteString(blob).ToArray());
    }
}
