using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Styx.Deploy.Tests.Secrets;

/// <summary>
/// Text shaped like a credential that must never be committed in a job file: Nomad ACL tokens (their secret is a
/// UUID), Vault tokens (<c>hvs.</c>/<c>hvb.</c>/<c>hvr.</c> and the older <c>s.</c>/<c>b.</c>/<c>r.</c>), JWTs
/// (workload identities), private keys, and long hex or base64 runs (generated secrets, keys, checksums pasted in).
/// </summary>
internal static partial class TokenShapes
{
    public sealed record Finding(string Shape, string Where, string Redacted);

    private static readonly (string Shape, Regex Pattern)[] s_shapes =
    [
        ("UUID (a Nomad ACL token secret)", Uuid()),
        ("Vault token", VaultToken()),
        ("JWT", Jwt()),
        ("private key", PrivateKey()),
        ("long hex secret", LongHex()),
        ("long base64 secret", LongBase64()),
    ];

    /// <summary>Every token-shaped run in <paramref name="text"/>, shown with its middle hidden.</summary>
    public static IReadOnlyList<Finding> In(string text, string where) =>
        [.. s_shapes.SelectMany(s => s.Pattern.Matches(text)
            .Where(m => s.Shape != "long base64 secret" || LooksRandom(m.Value))
            .Select(m => new Finding(s.Shape, where, Redact(m.Value))))];

    /// <summary>The same over every string (keys and values) of a parsed document, each named by its path.</summary>
    public static IReadOnlyList<Finding> InStrings(JsonNode? node, string where = "$") => node switch
    {
        JsonObject obj => [.. obj.SelectMany(p => In(p.Key, $"{where}.{p.Key} (key)").Concat(InStrings(p.Value, $"{where}.{p.Key}")))],
        JsonArray array => [.. array.SelectMany((item, i) => InStrings(item, $"{where}[{i}]"))],
        JsonValue value when value.TryGetValue<string>(out var text) => In(text, where),
        _ => [],
    };

    /// <summary>A base64 run with upper case, lower case and digits: a path or a word run together has not all three.</summary>
    private static bool LooksRandom(string run) => run.Any(char.IsUpper) && run.Any(char.IsLower) && run.Any(char.IsDigit);

    private static string Redact(string secret) => secret.Length <= 8 ? "…" : $"{secret[..4]}…{secret[^2..]}";

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b")]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b(hv[sbr]\.[A-Za-z0-9_-]{20,}|[sbr]\.[A-Za-z0-9]{24,})")]
    private static partial Regex VaultToken();

    [GeneratedRegex(@"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----|\bb3BlbnNzaC1rZXktdjE")]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"\b[0-9a-fA-F]{32,}\b")]
    private static partial Regex LongHex();

    [GeneratedRegex(@"[A-Za-z0-9+/_-]{40,}={0,2}")]
    private static partial Regex LongBase64();
}
