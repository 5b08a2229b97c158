using System.Threading.Channels;

namespace Styx.Ssh.Connection;

/// <summary>
/// What the client typed, as a read-only stream. Reading is what opens the window again: the connection is told how
/// much was consumed and sends WINDOW_ADJUST, so a client can never make the server hold more than one window.
/// </summary>
internal sealed class ChannelInput(Action<int> consumed) : Stream
{
    private readonly Channel<ReadOnlyMemory<byte>> _chunks = Channel.CreateUnbounded<ReadOnlyMemory<byte>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private ReadOnlyMemory<byte> _current;

    public void Add(ReadOnlyMemory<byte> data) => _chunks.Writer.TryWrite(data);

    /// <summary>The client sent EOF or the channel closed: readers get end-of-stream after what is buffered.</summary>
    public void Complete() => _chunks.Writer.TryComplete();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_current.IsEmpty)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) || !_chunks.Reader.TryRead(out _current))
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        consumed(count);
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
