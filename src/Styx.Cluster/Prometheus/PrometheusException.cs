namespace Styx.Cluster.Prometheus;

/// <summary>
/// A Prometheus request failed. When Prometheus answered with its error envelope
/// (<c>{"status":"error","errorType":…,"error":…}</c>, cluster-apis.md §3), <see cref="ErrorType"/> and
/// <see cref="Error"/> are its fields as sent and <see cref="Exception.Message"/> is <see cref="Error"/> (e.g.
/// <c>invalid parameter "query": 1:4: parse error: unexpected end of input inside braces</c>). Otherwise the message
/// says what went wrong: unreachable, no answer in time, or an answer that is not Prometheus's JSON. Outside text:
/// show it through <c>Text/ControlCharacters</c>.
/// </summary>
public sealed class PrometheusException : Exception
{
    public PrometheusException(string message, int? statusCode = null, string? errorType = null, string? error = null, bool unreachable = false, Exception? inner = null)
        : base(message, inner)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
        Error = error;
        Unreachable = unreachable;
    }

    /// <summary>The HTTP status when Prometheus answered at all: 400 <c>bad_data</c>, 422 <c>execution</c>, 503 <c>timeout</c>…</summary>
    public int? StatusCode { get; }

    /// <summary>Prometheus's <c>errorType</c> (<c>bad_data</c>, <c>execution</c>, <c>timeout</c>, <c>canceled</c>, <c>internal</c>, <c>unavailable</c>, <c>not_found</c>), or null when it sent none.</summary>
    public string? ErrorType { get; }

    /// <summary>Prometheus's <c>error</c> text as sent, or null when it sent none.</summary>
    public string? Error { get; }

    /// <summary>
    /// Prometheus did not answer: connection refused, host not found, dropped, or no answer within the request timeout.
    /// Callers show this as a note ("Prometheus unreachable"), not as an error about the query.
    /// </summary>
    public bool Unreachable { get; }
}
