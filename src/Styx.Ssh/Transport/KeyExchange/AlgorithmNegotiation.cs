using Styx.Ssh.Wire;

namespace Styx.Ssh.Transport.KeyExchange;

/// <summary>
/// RFC 4253 §7.1: for each category the first algorithm on the client's list that the server also supports. The
/// pseudo-algorithms (<c>ext-info-*</c>, <c>kex-strict-*</c>) are never chosen; MACs are ignored for AEAD ciphers.
/// </summary>
internal static class AlgorithmNegotiation
{
    public static NegotiatedAlgorithms Negotiate(KexInitMessage client, KexInitMessage server)
    {
        var kex = Choose("key exchange", client.KeyExchange, server.KeyExchange.Where(IsRealKex).ToArray());
        var hostKey = Choose("host key", client.HostKey, server.HostKey);
        var cipherIn = Choose("cipher (client to server)", client.CiphersClientToServer, server.CiphersClientToServer);
        var cipherOut = Choose("cipher (server to client)", client.CiphersServerToClient, server.CiphersServerToClient);
        var macIn = AlgorithmNames.IsAead(cipherIn) ? "" : Choose("MAC (client to server)", client.MacsClientToServer, server.MacsClientToServer);
        var macOut = AlgorithmNames.IsAead(cipherOut) ? "" : Choose("MAC (server to client)", client.MacsServerToClient, server.MacsServerToClient);
        Choose("compression (client to server)", client.CompressionClientToServer, server.CompressionClientToServer);
        Choose("compression (server to client)", client.CompressionServerToClient, server.CompressionServerToClient);
        return new NegotiatedAlgorithms(kex, hostKey, cipherIn, cipherOut, macIn, macOut);
    }

    /// <summary>OpenSSH's rule for a guessed first KEX packet: the guess is right when both list heads agree.</summary>
    public static bool GuessIsRight(KexInitMessage client, KexInitMessage server) =>
        client.KeyExchange.FirstOrDefault() == server.KeyExchange.FirstOrDefault() &&
        client.HostKey.FirstOrDefault() == server.HostKey.FirstOrDefault();

    private static bool IsRealKex(string name) =>
        name is not (AlgorithmNames.ExtInfoServer or AlgorithmNames.StrictKexServer);

    private static string Choose(string category, string[] client, string[] server)
    {
        foreach (var name in client)
        {
            if (Array.IndexOf(server, name) >= 0)
            {
                return name;
            }
        }

        throw new SshProtocolException(DisconnectReason.KeyExchangeFailed,
            $"no matching {category} algorithm: client offers {string.Join(",", client)}; server offers {string.Join(",", server)}");
    }
}
