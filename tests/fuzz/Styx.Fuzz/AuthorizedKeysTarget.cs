using System.Net;
using System.Text;
using Styx.Tui.Access;

namespace Styx.Fuzz;

/// <summary>
/// <c>authorized_keys</c> text (sshd(8) AUTHORIZED_KEYS FILE FORMAT, with Styx's role= and from= options): the parser
/// reports bad lines as errors and never throws. Every key that parses is then asked about a few peer addresses, and
/// one property is checked: the answer depends on the address, never its spelling (IPv4 vs IPv4-mapped IPv6, with or
/// without a zone), so no from= pattern that parses can be bypassed by how the socket reports the peer.
/// </summary>
internal static class AuthorizedKeysTarget
{
    private static readonly (IPAddress Address, IPAddress SameAddress)[] s_peers =
    [
        (IPAddress.Parse("10.0.0.1"), IPAddress.Parse("::ffff:10.0.0.1")),
        (IPAddress.Parse("192.168.1.200"), IPAddress.Parse("::ffff:192.168.1.200")),
        (IPAddress.Parse("100.64.0.7"), IPAddress.Parse("::ffff:100.64.0.7")),
        (IPAddress.Parse("127.0.0.1"), IPAddress.Parse("::ffff:127.0.0.1")),
        (IPAddress.Parse("fe80::1"), IPAddress.Parse("fe80::1%3")),
        (IPAddress.Parse("::1"), IPAddress.Parse("0:0:0:0:0:0:0:1")),
        (IPAddress.Parse("fd7a:115c:a1e0::5"), IPAddress.Parse("fd7a:115c:a1e0::5%1")),
    ];

    public static void Run(byte[] data)
    {
        var result = AuthorizedKeysParser.Parse(Encoding.UTF8.GetString(data));
        foreach (var key in result.Keys)
        {
            foreach (var (address, sameAddress) in s_peers)
            {
                if (key.AllowsAddress(address) != key.AllowsAddress(sameAddress))
                {
                    throw new InvalidOperationException($"from= answered {address} and {sameAddress} differently: {string.Join(',', key.From)}");
                }
            }
        }
    }

    /// <summary>Lines as operators write them: each key type, options, comments, and from= lists with negation.</summary>
    public static IEnumerable<string> Seeds()
    {
        const string ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKzGbdZ+roMkvuocs+wi5tZtAOVaWx73Ge06Z2FPEVvO alice@laptop";
        const string ecdsa256 = "ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJIgae6OunfVrW12FoThuLF36r21r55eSFt3yledSo3Wirb2goJWt7XNEWSG9Q145fMz7G1Ms9jOexzvIdT9//8= bob";
        const string ecdsa384 = "ecdsa-sha2-nistp384 AAAAE2VjZHNhLXNoYTItbmlzdHAzODQAAAAIbmlzdHAzODQAAABhBF99wAhcCPpxLqCkuqFDxlhq7DBAkZejxq8lozImmgTcENzIU2JUVobUuTsJ2x0C09PlrbIwceD+5EBm8/oSohH30o2sjTRxZQNNng4SCpwu3tA2XDcK1nzlJI7S7L7vSg== carol";
        const string ecdsa521 = "ecdsa-sha2-nistp521 AAAAE2VjZHNhLXNoYTItbmlzdHA1MjEAAAAIbmlzdHA1MjEAAACFBAHMULeObvaTw9PDIB5BxD4oejW6yCTndQZNng0z4CRjXzb4RVl1WuCPXk+IkhIqGsC/lvtvYfQcVHjrtnHXUdu4QgEQWuj98RdIT4vfeI0czafQv5MuLa9ELK6dcE2q7nMhV9XItqG7NieuCfydu+4nqvClXeubZIsppIN19ur+6dRg3g== dave@ci";
        const string rsa = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDHUw8f/KHxn+/5GUgfCHysMTzDU1Rf78Fqnn+vkwTEt4oBq+Bd2Y2jWuuFeb2b2aheMy/oIZoUd1PJcBXtG5PA++5P8wl2P3TUwjSvMu1b+EEX5MD4yX118U0pAnvKUVVYb9JFpZpniNaCdLh2jQ+bRMTEL7yU+TZa4wIBOdsBP9wXSsuT8i2g6Bx13ZuEQpz4GSsv4DISioxkcmpG9zj6JM2wtPi5359KwY9zFiYMNDwO8306oNBZpobjpEzgiNayBWSryx27gEg/nhvZlcaTEHME35QTBFauCI+c683wU+ZsuHnSwkLAyEZ4KmYJQnO1Ywbr09e6IMAcbCxOQUqR Erin Ops";
        yield return $"# team keys\n{ed25519}\nrole=\"operator\" {ecdsa256}\n";
        yield return $"role=\"admin\",from=\"100.64.0.0/10,!100.64.0.7,127.0.0.?\" {ecdsa384}\n";
        yield return $"from=\"!10.0.0.1,!fe80::1,!::1,*\" {ecdsa521}\r\n";
        yield return $"from=\"10.0.*,fd7a:115c:a1e0::/48,::ffff:192.168.1.0/120\",role=\"viewer\" {rsa}\n";
        yield return $"role=\"operator\" from=\"10.0.0.1, 10.0.0.2\" {ed25519}\n{ecdsa256}\ncommand=\"/bin/sh\" {rsa}\n";
    }
}
