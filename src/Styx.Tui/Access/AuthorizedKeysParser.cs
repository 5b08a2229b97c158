using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Styx.Cluster.Access;

namespace Styx.Tui.Access;

/// <summary>
/// Parses <c>authorized_keys</c> text: OpenSSH's format (sshd(8) AUTHORIZED_KEYS FILE FORMAT) with the two options
/// Styx understands, <c>role="viewer|operator|admin"</c> and <c>from="pattern-list"</c>. Every bad line is reported
/// with its number and skipped; nothing is silently accepted, including options Styx does not know (an option such as
/// <c>command=</c> would promise a restriction Styx does not enforce).
/// </summary>
public static class AuthorizedKeysParser
{
    /// <summary>Key types Styx accepts for user authentication (DESIGN.md §4).</summary>
    public static readonly ImmutableHashSet<string> KeyTypes =
    [
        "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "ssh-rsa",
    ];

    public static AuthorizedKeysParseResult Parse(string text)
    {
        var keys = ImmutableArray.CreateBuilder<AuthorizedKey>();
        var errors = ImmutableArray.CreateBuilder<AuthorizedKeysError>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var key = ParseLine(line, i + 1, out var error);
            if (key is null)
            {
                errors.Add(new AuthorizedKeysError(i + 1, error!));
                continue;
            }

            if (keys.Any(k => k.Fingerprint == key.Fingerprint))
            {
                errors.Add(new AuthorizedKeysError(i + 1, $"key {key.Fingerprint} is already listed on an earlier line; remove one of them"));
                continue;
            }

            keys.Add(key);
        }

        return new AuthorizedKeysParseResult(keys.ToImmutable(), errors.ToImmutable());
    }

    /// <summary>Parses one non-empty, non-comment line.</summary>
    public static AuthorizedKey? ParseLine(string line, int lineNumber, out string? error)
    {
        error = null;
        var position = 0;
        var options = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

        // A line starts with the key type unless it starts with options (OpenSSH tells them apart the same way).
        var firstToken = NextToken(line, ref position, allowQuotes: true);
        if (!KeyTypes.Contains(firstToken) && !LooksLikeOtherKeyType(firstToken))
        {
            if (!TryParseOptions(firstToken, options, out error))
            {
                return null;
            }

            firstToken = NextToken(line, ref position, allowQuotes: false);
        }

        var keyType = firstToken;
        if (!KeyTypes.Contains(keyType))
        {
            error = keyType.Length == 0
                ? "no key after the options"
                : $"key type '{keyType}' is not accepted; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa (2048 bits or more)";
            return null;
        }

        var base64 = NextToken(line, ref position, allowQuotes: false);
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            error = "the key is not valid base64; paste the whole line of the .pub file";
            return null;
        }

        if (!BlobTypeIs(blob, keyType))
        {
            error = $"the key data is not an {keyType} key (its type field differs); paste the whole line of the .pub file";
            return null;
        }

        var comment = line[position..].Trim();
        var role = Role.Viewer;
        if (options.TryGetValue("role", out var roleText))
        {
            if (!RoleNames.TryParse(roleText, out var parsed))
            {
                error = $"role=\"{roleText}\" is not a role; use role=\"viewer\", role=\"operator\" or role=\"admin\"";
                return null;
            }

            role = parsed.Value;
        }

        var from = ImmutableArray<AddressPattern>.Empty;
        if (options.TryGetValue("from", out var fromText))
        {
            var patterns = ImmutableArray.CreateBuilder<AddressPattern>();
            foreach (var part in (fromText ?? "").Split(',', StringSplitOptions.TrimEntries))
            {
                var pattern = AddressPattern.TryParse(part, out var patternError);
                if (pattern is null)
                {
                    error = $"from=\"{fromText}\": {patternError}";
                    return null;
                }

                patterns.Add(pattern);
            }

            from = patterns.ToImmutable();
        }

        var fingerprint = Fingerprint(blob);
        var name = comment.Length > 0 ? comment : $"{keyType} {fingerprint}";
        return new AuthorizedKey(keyType, [.. blob], fingerprint, name, role, from, lineNumber);
    }

    /// <summary><c>SHA256:</c> plus unpadded base64, as <c>ssh-keygen -lf</c> prints it.</summary>
    public static string Fingerprint(ReadOnlySpan<byte> blob) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('=');

    private static bool TryParseOptions(string text, Dictionary<string, string?> options, out string? error)
    {
        error = null;
        var i = 0;
        while (i < text.Length)
        {
            var nameStart = i;
            while (i < text.Length && text[i] is not ('=' or ','))
            {
                i++;
            }

            var name = text[nameStart..i];
            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                if (i >= text.Length || text[i] != '"')
                {
                    error = $"option {name}= needs a quoted value, e.g. {name}=\"…\"";
                    return false;
                }

                i++;
                var sb = new StringBuilder();
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        i++;
                    }

                    sb.Append(text[i]);
                    i++;
                }

                if (i >= text.Length)
                {
                    error = $"option {name}= has no closing quote";
                    return false;
                }

                i++;
                value = sb.ToString();
            }

            if (name is not ("role" or "from"))
            {
                error = name.Length == 0
                    ? "empty option; options are separated by single commas"
                    : $"unknown option '{name}'; Styx understands role=\"…\" and from=\"…\" only";
                return false;
            }

            if (!options.TryAdd(name, value))
            {
                error = $"option {name} is given twice";
                return false;
            }

            if (value is null)
            {
                error = $"option {name} needs a value, e.g. {name}=\"…\"";
                return false;
            }

            if (i < text.Length)
            {
                if (text[i] != ',')
                {
                    error = "options must be separated by commas with no spaces";
                    return false;
                }

                i++;
            }
        }

        return true;
    }

    /// <summary>The next space-separated token; inside options, spaces within double quotes do not end it.</summary>
    private static string NextToken(string line, ref int position, bool allowQuotes)
    {
        while (position < line.Length && char.IsWhiteSpace(line[position]))
        {
            position++;
        }

        var start = position;
        var quoted = false;
        while (position < line.Length && (quoted || !char.IsWhiteSpace(line[position])))
        {
            if (allowQuotes && line[position] == '"' && (position == 0 || line[position - 1] != '\\'))
            {
                quoted = !quoted;
            }

            position++;
        }

        return line[start..position];
    }

    private static bool LooksLikeOtherKeyType(string token) =>
        token.StartsWith("ssh-", StringComparison.Ordinal) || token.StartsWith("ecdsa-", StringComparison.Ordinal) ||
        token.StartsWith("sk-", StringComparison.Ordinal);

    private static bool BlobTypeIs(ReadOnlySpan<byte> blob, string keyType)
    {
        if (blob.Length < 4)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        return length == keyType.Length && blob.Length >= 4 + keyType.Length && blob.Slice(4, keyType.Length).SequenceEqual(Encoding.ASCII.GetBytes(keyType));
    }
}
