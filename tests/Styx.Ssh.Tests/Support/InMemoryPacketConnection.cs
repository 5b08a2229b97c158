using System.Threading.Channels;
using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Support;

/// <summary>
/// The transport as the upper layers see it, without sockets or crypto: the test feeds client payloads with
/// <see cref="Send"/> and reads what the server wrote with <see cref="ReceiveAsync"/>. For unit tests of the layers
/// above the transport (authentication, connection).
/// </summary>
internal sealed class InMemoryPacketConnection : IPacketConnection
{
    private readonly Channel<byte[]> _fromClient = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _toClient = Channel.CreateUnbounded<byte[]>();

    public ReadOnlyMemory<byte> SessionId { get; } = new byte[32];

    public NegotiatedAlgorithms Algorithms => default;

    public TimeSpan PendingWriteTime => TimeSpan.Zero;

    public string ClientVersion => "SSH-2.0-InMemory";

    /// <summary>The DISCONNECT the server sent, if any.</summary>
    public (DisconnectReason Reason, string Text)? Disconnected { get; private set; }

    public void Send(byte[] payload) => _fromClient.Writer.TryWrite(payload);

    /// <summary>The next payload the server wrote; fails after 10 s rather than hang a test.</summary>
    public async Task<byte[]> ReceiveAsync() => await _toClient.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _fromClient.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new SshConnectionClosedException("the test client hung up");
        }
    }

    /// <summary>Runs before each write completes, so a test can hold a write back (as a slow socket would).</summary>
    public Func<byte[], Task>? BeforeWrite { get; set; }

    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var bytes = payload.ToArray();
        if (BeforeWrite is { } hook)
        {
            await hook(bytes);
        }

        _toClient.Writer.TryWrite(bytes);
    }

    public ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        Disconnected ??= (reason, description);
        _fromClient.Writer.TryComplete();
        _toClient.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
