using System.Buffers.Binary;
using System.Security.Cryptography;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport;

/// <summary>The binary packet protocol (RFC 4253 §6): framing, padding, length checks, sequence numbers.</summary>
public sealed partial class SshTransport
{
    /// <summary>Reads, checks and decrypts one packet; returns its payload (owned by the caller).</summary>
    private async Task<ReadOnlyMemory<byte>> ReadRawPacketAsync(CancellationToken cancellationToken)
    {
        await _input.ReadExactlyAsync(_header, cancellationToken).ConfigureAwait(false);
        var protection = _incoming;
        var sequence = _receiveSequence;
        var length = protection.DecryptLength(sequence, _header);
        var aligned = protection.AlignmentIncludesLength ? (4 + (long)length) % protection.BlockSize == 0 : length % protection.BlockSize == 0;
        if (length < 5 || length > _options.MaxPacketLength)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolError, $"Bad packet length {length}.");
        }

        if (!aligned)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolError, "padding error: packet length not a multiple of the block size");
        }

        var packet = new byte[4 + length + protection.TagSize];
        _header.CopyTo(packet, 0);
        await _input.ReadExactlyAsync(packet.AsMemory(4), cancellationToken).ConfigureAwait(false);
        var body = packet.AsSpan(0, 4 + (int)length);
        if (!protection.Open(sequence, body, packet.AsSpan(4 + (int)length)))
        {
            throw new SshProtocolException(DisconnectReason.MacError, "Corrupted MAC on input.");
        }

        _receiveSequence = unchecked(sequence + 1);
        Interlocked.Increment(ref _packetsReceivedSinceKex);
        var padding = body[4];
        if (padding < 4 || padding > length - 1 - 0)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolError, $"bad padding length {padding}");
        }

        var payloadLength = (int)length - 1 - padding;
        if (payloadLength < 1)
        {
            throw new SshProtocolException(DisconnectReason.ProtocolError, "empty packet payload");
        }

        return packet.AsMemory(5, payloadLength);
    }

    /// <summary>Writes a transport message even while a key exchange holds the gate.</summary>
    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken, Action? afterWrite = null)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteLockedAsync(payload, cancellationToken).ConfigureAwait(false);
            afterWrite?.Invoke();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Frames, pads, protects and sends one payload; the caller holds the write lock.</summary>
    private async ValueTask WriteLockedAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var protection = _outgoing;
        var block = protection.BlockSize;
        var unaligned = 1 + payload.Length + (protection.AlignmentIncludesLength ? 4 : 0);
        var padding = block - unaligned % block;
        if (padding < 4)
        {
            padding += block;
        }

        var length = 1 + payload.Length + padding;
        var packet = new byte[4 + length + protection.TagSize];
        BinaryPrimitives.WriteUInt32BigEndian(packet, (uint)length);
        packet[4] = (byte)padding;
        payload.Span.CopyTo(packet.AsSpan(5));
        RandomNumberGenerator.Fill(packet.AsSpan(5 + payload.Length, padding));
        protection.Seal(_sendSequence, packet.AsSpan(0, 4 + length), packet.AsSpan(4 + length));
        _sendSequence = unchecked(_sendSequence + 1);
        Interlocked.Increment(ref _packetsSentSinceKex);
        Volatile.Write(ref _writeStarted, _time.GetTimestamp());
        try
        {
            await _stream.WriteAsync(packet, cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Volatile.Write(ref _writeStarted, NoWrite);
        }

        _bytesWritten += packet.Length;
    }

    public async ValueTask DisconnectAsync(DisconnectReason reason, string description, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _disconnected, 1) != 0)
        {
            return;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            var message = new SshWriter()
                .WriteByte(MessageNumber.Disconnect)
                .WriteUInt32((uint)reason)
                .WriteUtf8String(description)
                .WriteAsciiString("");
            await WriteRawAsync(message.WrittenMemory, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException)
        {
            // The peer may already be gone; closing the stream is all that is left.
        }

        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _incoming.Dispose();
        _outgoing.Dispose();
        _writeLock.Dispose();
    }
}
