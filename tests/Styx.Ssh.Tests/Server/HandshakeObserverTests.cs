using System.Text;
using Styx.Ssh.Server;
using Styx.Ssh.Tests.Support;
using Styx.Testing;

namespace Styx.Ssh.Tests.Server;

/// <summary>The server tells its <see cref="SshServer.HandshakeObserver"/> how each handshake went, once per connection.</summary>
public sealed class HandshakeObserverTests : IAsyncLifetime
{
    private readonly RecordingObserver _observed = new();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(handshakes: _observed);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task KeyExchangeDone_ReportedOnceAsSucceeded()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();

        await Eventually.True(() => _observed.Handshakes.Count == 1, "the handshake reported");
        var (elapsed, succeeded) = Assert.Single(_observed.Handshakes);
        Assert.True(succeeded);
        Assert.InRange(elapsed, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task GarbageBanner_ReportedAsFailed()
    {
        await using var client = await RawSshClient.ConnectAsync(_server.Port, sendVersion: false);
        await client.SendBytesAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n"));
        await client.ExpectDisconnectAsync();

        await Eventually.True(() => _observed.Handshakes.Count == 1, "the handshake reported");
        Assert.False(Assert.Single(_observed.Handshakes).Succeeded);
    }

    [Fact]
    public async Task TcpCheckThatSaysNothing_NoHandshake_EndLoggedAtDebug()
    {
        // What Nomad's TCP service check does every 30 s: connect, and close without a byte.
        using (var probe = new System.Net.Sockets.TcpClient())
        {
            await probe.ConnectAsync(System.Net.IPAddress.Loopback, _server.Port);
        }

        var ended = await _server.Log.WaitForAsync("without sending anything");
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, _server.Log.LevelOf(ended));
        Assert.Empty(_observed.Handshakes);

        // The observer still hears a real client after it.
        await using var client = await RawSshClient.ConnectAsync(_server.Port);
        await client.KeyExchangeAsync();
        await Eventually.True(() => _observed.Handshakes.Count == 1, "the real handshake reported");
        Assert.True(Assert.Single(_observed.Handshakes).Succeeded);
    }

    [Fact]
    public async Task ServerStopsMidHandshake_NotReported()
    {
        var observed = new RecordingObserver();
        var server = await TestServer.StartAsync(handshakes: observed);
        await using var client = await RawSshClient.ConnectAsync(server.Port, sendVersion: false);

        // Disposing waits for every connection's task, so a report would have been made by the time it returns.
        await server.DisposeAsync();

        Assert.Empty(observed.Handshakes);
    }

    private sealed class RecordingObserver : IHandshakeObserver
    {
        private readonly List<(TimeSpan, bool)> _handshakes = [];

        public IReadOnlyList<(TimeSpan Elapsed, bool Succeeded)> Handshakes
        {
            get
            {
                lock (_handshakes)
                {
                    return [.. _handshakes];
                }
            }
        }

        public void OnHandshake(TimeSpan elapsed, bool succeeded)
        {
            lock (_handshakes)
            {
                _handshakes.Add((elapsed, succeeded));
            }
        }
    }
}
