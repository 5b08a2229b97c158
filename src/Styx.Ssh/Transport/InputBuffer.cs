namespace Styx.Ssh.Transport;

/// <summary>
/// Buffered reads from the connection for the single reader (version line, then packets), without the write side
/// that <see cref="BufferedStream"/> would share between threads.
/// </summary>
internal sealed class InputBuffer(Stream stream, int capacity = 64 * 1024)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _start;
    private int _end;

    /// <summary>Total bytes handed out, for rekey accounting.</summary>
    public long BytesRead { get; private set; }

    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < destination.Length)
        {
            if (_start == _end)
            {
                if (destination.Length - filled >= _buffer.Length)
                {
                    // Large reads go straight into the destination.
                    var direct = await stream.ReadAsync(destination[filled..], cancellationToken).ConfigureAwait(false);
                    if (direct == 0)
                    {
                        throw Closed();
                    }

                    filled += direct;
                    BytesRead += direct;
                    continue;
                }

                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var count = Math.Min(_end - _start, destination.Length - filled);
            _buffer.AsMemory(_start, count).CopyTo(destination[filled..]);
            _start += count;
            filled += count;
            BytesRead += count;
        }
    }

    /// <summary>Reads one line ending in LF (CR LF or LF), without the line ending; null when it exceeds <paramref name="maxLength"/>.</summary>
    public async ValueTask<byte[]?> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
    {
        var line = new List<byte>();
        while (true)
        {
            if (_start == _end)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }

            var b = _buffer[_start++];
            BytesRead++;
            if (b == (byte)'\n')
            {
                if (line.Count > 0 && line[^1] == (byte)'\r')
                {
                    line.RemoveAt(line.Count - 1);
                }

                return [.. line];
            }

            line.Add(b);
            if (line.Count > maxLength)
            {
                return null;
            }
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
        if (_end == 0)
        {
            throw Closed();
        }
    }

    private SshConnectionClosedException Closed() => BytesRead == 0
        ? new SshConnectionClosedException("the client closed the connection without sending anything", nothingReceived: true)
        : new SshConnectionClosedException("the client closed the connection");
}
