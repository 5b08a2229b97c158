namespace Styx.Cluster.Nomad;

/// <summary>
/// One frame of <c>/v1/client/fs/logs/:alloc_id</c>: bytes of a log file at an offset, or a file event. Every field is
/// omitted when empty; a frame with none is a heartbeat.
/// </summary>
public sealed record StreamFrame
{
    public long Offset { get; init; }
    /// <summary>The log bytes (base64 on the wire).</summary>
    public byte[]? Data { get; init; }
    public string? File { get; init; }
    /// <summary><c>file deleted</c> or <c>file truncated</c>.</summary>
    public string? FileEvent { get; init; }

    public bool IsHeartbeat => Offset == 0 && (Data is null || Data.Length == 0) && string.IsNullOrEmpty(File) && string.IsNullOrEmpty(FileEvent);
}
