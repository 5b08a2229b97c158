using System.Net;
using System.Net.Sockets;

namespace Styx.Testing;

/// <summary>Whether a server's port on loopback still accepts connections (a stopping server closes it first).</summary>
public static class ListeningPort
{
    /// <summary>True when a connection to <paramref name="port"/> is refused: nothing listens there any more.</summary>
    public static async Task<bool> RefusesAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            // Caught while the listener closes: the kernel had queued this connection and resets it. Not refused yet;
            // the next attempt is.
            return false;
        }
    }
}
