using System.Net;
using System.Text.RegularExpressions;

namespace Styx.Tui.Access;

/// <summary>
/// One element of a <c>from="…"</c> pattern-list (sshd(8) AUTHORIZED_KEYS FILE FORMAT): an address with <c>*</c> and
/// <c>?</c> wildcards, or a CIDR block, optionally negated with <c>!</c>. Host names are not resolved (Styx sees only
/// the peer address), so only address patterns are accepted.
/// </summary>
public sealed class AddressPattern
{
    private readonly Regex? _wildcard;
    private readonly IPNetwork? _network;

    private AddressPattern(string text, bool negated, Regex? wildcard, IPNetwork? network)
    {
        Text = text;
        Negated = negated;
        _wildcard = wildcard;
        _network = network;
    }

    public string Text { get; }

    public bool Negated { get; }

    public bool Matches(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (_network is { } network)
        {
            return address.AddressFamily == network.BaseAddress.AddressFamily && network.Contains(address);
        }

        return _wildcard!.IsMatch(address.ToString());
    }

    /// <summary>Parses one pattern; <paramref name="error"/> says what is wrong with it.</summary>
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

        if (body.Contains('/', StringComparison.Ordinal))
        {
            if (!IPNetwork.TryParse(body, out var network))
            {
                error = $"'{body}' is not a CIDR block like 192.168.1.0/24 or fd7a:115c:a1e0::/48";
                return null;
            }

            return new AddressPattern(text, negated, null, network);
        }

        foreach (var c in body)
        {
            if (!(char.IsAsciiHexDigit(c) || c is '.' or ':' or '*' or '?'))
            {
                error = $"'{body}' is not an address pattern (host names are not resolved; use addresses, wildcards or CIDR)";
                return null;
            }
        }

        var regex = "^" + Regex.Escape(body.ToLowerInvariant()).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return new AddressPattern(text, negated, new Regex(regex, RegexOptions.CultureInvariant | RegexOptions.IgnoreCase), null);
    }

    public override string ToString() => Text;
}
