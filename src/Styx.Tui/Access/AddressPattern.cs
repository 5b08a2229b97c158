using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Styx.Tui.Access;

/// <summary>
/// One element of a <c>from="…"</c> pattern-list (sshd(8) AUTHORIZED_KEYS FILE FORMAT, PATTERNS in ssh_config(5)),
/// optionally negated with <c>!</c>. Host names are not resolved (Styx sees only the peer address), so only address
/// patterns are accepted, and they are compared as addresses, never as text, so that a negated pattern cannot be
/// bypassed by another spelling of the same address:
/// <list type="bullet">
/// <item>An address (<c>10.0.0.1</c>, <c>fe80::1</c>, <c>::ffff:10.0.0.1</c>) or a CIDR block (<c>10.0.0.0/8</c>,
/// <c>fd7a:115c:a1e0::/48</c>) is parsed and compared with the parsed peer address.</item>
/// <item><c>*</c> alone matches every address.</item>
/// <item>Other wildcards (<c>*</c>, <c>?</c>) are IPv4 only and match the dotted-quad form, which has one spelling.
/// IPv6 wildcards are refused: one IPv6 address has many spellings, so a wildcard over one of them is no test.</item>
/// </list>
/// Both sides are normalised the way sshd normalises the peer (ipv64_normalise_mapped): an IPv4-mapped IPv6 address
/// (<c>::ffff:a.b.c.d</c>) is its IPv4 address, and a peer's <c>%zone</c> is ignored. A zone in a pattern is refused,
/// because it names an interface of one machine. So is any IPv4 spelling that inet_aton reads differently from a
/// person (<c>010.0.0.1</c> is 8.0.0.1 to it, <c>10.1</c> is 10.0.0.1), and a block with host bits set
/// (<c>10.0.0.1/8</c>: 10.0.0.0/8 or 10.0.0.1/32?).
/// </summary>
public sealed class AddressPattern
{
    private readonly IPAddress? _address;
    private readonly IPNetwork? _network;
    private readonly string? _ipv4Wildcard;

    private AddressPattern(string text, bool negated, IPAddress? address, IPNetwork? network, string? ipv4Wildcard)
    {
        Text = text;
        Negated = negated;
        _address = address;
        _network = network;
        _ipv4Wildcard = ipv4Wildcard;
    }

    public string Text { get; }

    public bool Negated { get; }

    public bool Matches(IPAddress address)
    {
        address = Normalise(address);
        if (_address is not null)
        {
            return _address.Equals(address);
        }

        if (_network is { } network)
        {
            return address.AddressFamily == network.BaseAddress.AddressFamily && network.Contains(address);
        }

        if (_ipv4Wildcard is "*")
        {
            return true;
        }

        return address.AddressFamily == AddressFamily.InterNetwork && Glob.Matches(_ipv4Wildcard!, address.ToString());
    }

    /// <summary>
    /// The address the patterns are compared with: IPv4 for an IPv4-mapped IPv6 address, and no zone. Two peers get
    /// the same answer exactly when they are the same address, however the socket reported it.
    /// </summary>
    public static IPAddress Normalise(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }

    /// <summary>Parses one pattern; <paramref name="error"/> says what is wrong with it and what to write instead.</summary>
    public static AddressPattern? TryParse(string text, out string? error)
    {
        error = null;
        var negated = text.StartsWith('!');
        var body = negated ? text[1..] : text;
        if (body.Length == 0)
        {
            error = $"empty address pattern '{text}'";
            return null;
        }

        if (body.Contains('%', StringComparison.Ordinal))
        {
            error = $"'{body}' has an interface zone (%…), which names an interface of one machine and is not compared; write the address without it";
            return null;
        }

        foreach (var c in body)
        {
            if (!(char.IsAsciiHexDigit(c) || c is '.' or ':' or '*' or '?' or '/'))
            {
                error = $"'{body}' is not an address pattern (host names are not resolved; use addresses, IPv4 wildcards or CIDR blocks)";
                return null;
            }
        }

        if (body.Contains('/', StringComparison.Ordinal))
        {
            var network = ParseNetwork(body, out error);
            return network is null ? null : new AddressPattern(text, negated, null, network, null);
        }

        if (body.Contains('*', StringComparison.Ordinal) || body.Contains('?', StringComparison.Ordinal))
        {
            return CheckIpv4Wildcard(body, out error) ? new AddressPattern(text, negated, null, null, body) : null;
        }

        var address = ParseAddress(body, out error);
        return address is null ? null : new AddressPattern(text, negated, Normalise(address), null, null);
    }

    public override string ToString() => Text;

    private static IPNetwork? ParseNetwork(string body, out string? error)
    {
        var slash = body.IndexOf('/', StringComparison.Ordinal);
        var prefixText = body[(slash + 1)..];
        var address = ParseAddress(body[..slash], out error);
        if (address is null)
        {
            return null;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixText.Length is 0 or > 3 || !prefixText.All(char.IsAsciiDigit) ||
            !int.TryParse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > maxPrefix)
        {
            error = $"'{body}' is not a CIDR block like 192.168.1.0/24 or fd7a:115c:a1e0::/48 (the prefix length must be 0 to {maxPrefix})";
            return null;
        }

        if (!IsNetworkAddress(address, prefix))
        {
            var masked = new IPNetwork(Mask(address, prefix), prefix);
            error = $"'{body}' has host bits set after the /{prefix} prefix; write {masked} for the block, or the address alone";
            return null;
        }

        // ::ffff:a.b.c.d/96+n is the IPv4 block a.b.c.d/n, compared with IPv4 peers after normalisation.
        if (address.IsIPv4MappedToIPv6 && prefix >= 96)
        {
            return new IPNetwork(address.MapToIPv4(), prefix - 96);
        }

        return new IPNetwork(address, prefix);
    }

    /// <summary>
    /// An address in one spelling only: IPv4 as four decimal numbers without leading zeros (inet_aton would read
    /// <c>010</c> as octal and <c>10.1</c> as 10.0.0.1); IPv6 in any RFC 4291 §2.2 text form (all are unambiguous).
    /// </summary>
    private static IPAddress? ParseAddress(string text, out string? error)
    {
        error = null;
        if (!text.Contains(':', StringComparison.Ordinal))
        {
            var parts = text.Split('.');
            if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)))
            {
                error = $"'{text}' is not an IPv4 address; write four decimal numbers 0-255, e.g. 192.168.1.7";
                return null;
            }

            if (parts.Any(p => p.Length > 1 && p[0] == '0'))
            {
                error = $"'{text}' has a leading zero, which some tools read as octal; write {string.Join('.', parts.Select(p => p.TrimStart('0') is "" ? "0" : p.TrimStart('0')))} if that is the address meant";
                return null;
            }

            if (parts.Any(p => int.Parse(p, NumberStyles.None, CultureInfo.InvariantCulture) > 255))
            {
                error = $"'{text}' is not an IPv4 address; write four decimal numbers 0-255, e.g. 192.168.1.7";
                return null;
            }
        }
        else if (text.Contains('.', StringComparison.Ordinal) && !IsIpv6WithDottedTail(text))
        {
            error = $"'{text}' is not an IPv6 address";
            return null;
        }

        if (!IPAddress.TryParse(text, out var address))
        {
            error = $"'{text}' is not an IPv4 or IPv6 address";
            return null;
        }

        return address;
    }

    /// <summary>RFC 4291 §2.2 form 3 (<c>::ffff:10.0.0.1</c>): the dotted tail must itself be a strict IPv4 address.</summary>
    private static bool IsIpv6WithDottedTail(string text)
    {
        var tail = text[(text.LastIndexOf(':') + 1)..];
        return ParseAddress(tail, out _) is not null;
    }

    /// <summary>IPv4 wildcards only, and none that could never match the dotted-quad form because of a leading zero.</summary>
    private static bool CheckIpv4Wildcard(string body, out string? error)
    {
        error = null;
        if (body.All(c => c == '*'))
        {
            return true;
        }

        if (body.Contains(':', StringComparison.Ordinal) || body.Any(char.IsAsciiLetter))
        {
            error = $"'{body}' is an IPv6 wildcard; one IPv6 address has many spellings, so use a CIDR block such as fe80::/10 instead";
            return false;
        }

        foreach (var part in body.Split('.'))
        {
            if (part.Length > 1 && part[0] == '0' && part[1] != '*')
            {
                error = $"'{body}' has a leading zero, which never matches the dotted-quad form (10.0.0.1, not 010.000.000.001); remove it";
                return false;
            }

            if (part.Length > 0 && part.All(char.IsAsciiDigit) && (part.Length > 3 || int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture) > 255))
            {
                error = $"'{body}' has {part}, which is not a number 0-255, so it never matches an IPv4 address";
                return false;
            }
        }

        return true;
    }

    private static bool IsNetworkAddress(IPAddress address, int prefix) => Mask(address, prefix).Equals(address);

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
