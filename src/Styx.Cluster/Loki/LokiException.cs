namespace Styx.Cluster.Loki;

/// <summary>
/// A Loki request failed. <see cref="Exception.Message"/> is Loki's own plain-text error where it sent one (e.g.
/// <c>parse error at line 1, col 31: syntax error: unexpected %, expecting } or ,</c>), otherwise what went wrong
/// (unreachable, not JSON, a field of the wrong type). Outside text: show it through <c>Text/ControlCharacters</c>.
/// </summary>
public sealed class LokiException(string message, int? statusCode = null, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status when Loki answered at all.</summary>
    public int? StatusCode { get; } = statusCode;
}
