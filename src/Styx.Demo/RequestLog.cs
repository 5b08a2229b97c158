using System.Collections.Concurrent;

namespace Styx.Demo;

/// <summary>
/// Every request the simulated cluster answered, so tests can count HTTP traffic (for example that 50 sessions cost
/// Nomad no more than one) and check that a refused command never reached it.
/// </summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<RequestRecord> _records = new();

    public void Add(RequestRecord record) => _records.Enqueue(record);

    public IReadOnlyList<RequestRecord> All => [.. _records];

    public int Count => _records.Count;

    /// <summary>Requests that could change state (anything but GET and HEAD).</summary>
    public int Writes => _records.Count(r => r.Method is not ("GET" or "HEAD"));

    public void Clear() => _records.Clear();
}

/// <summary>One request: method, path, query string, the token's name (never its secret) and the status returned.</summary>
public sealed record RequestRecord(DateTimeOffset Time, string Method, string Path, string Query, string TokenName, int Status);
