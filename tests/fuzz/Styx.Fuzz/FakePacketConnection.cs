using Styx.Ssh.Transport;
using Styx.Ssh.Wire;

namespace Styx.Fuzz;

/// <summary>An <see cref="IPacketConnection"/> whose client sends the given payloads, then hangs up. Writes are dropped.</summary>
internal sealed class FakePacketConnection(IEnumerable<byte[]> payloads) : IPacketConnection
{
    private readonly Queue<byte[]> _payloads = new(payloads);

    public ReadOnlyMemory<byte> SessionId { get; } = new byte[32];

    public NegotiatedAlgorithms Algorithms => default;

    public TimeSpan PendingWriteTime => TimeSpan.Zero;

    public string ClientVersion => "SSH-2.0-Fuzz";

    public ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        lock (_payloads)
        {
            return _payloads.TryDequeue(out var payload) && payload.Length > 0
                ? ValueTask.FromResult<ReadOnlyMemory<byte>>(payload)
                : throw new SshConnectionClosedException("input exhausted");
        }
    }

    public ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
