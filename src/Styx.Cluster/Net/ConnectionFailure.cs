using System.Net.Sockets;
using System.Security.Authentication;

namespace Styx.Cluster.Net;

/// <summary>
/// Why a request to Nomad, Loki or Prometheus never got an answer, in a few words for "X at ADDR is unreachable (…)":
/// the socket's reason when there is one, not .NET's exception text.
/// </summary>
public static class ConnectionFailure
{
    public static string Describe(HttpRequestException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.InnerException switch
        {
            SocketException socket => socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
                SocketError.TimedOut => "connection timed out",
                _ => socket.SocketErrorCode.ToString(),
            },
            AuthenticationException tls => "TLS: " + tls.Message,
            IOException => "connection lost",
            _ => ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : ex.HttpRequestError.ToString(),
        };
    }

    /// <summary>The scheme, host and port of <paramref name="address"/>, for messages (never a path or a query).</summary>
    public static string Where(Uri? address) => address?.GetLeftPart(UriPartial.Authority) ?? "(no address)";
}
