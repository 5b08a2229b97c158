using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Styx.Deploy.Tests.Nomad;

/// <summary>
/// Puts the values of a job file's <c>variable</c> blocks where the file refers to them, as <c>nomad job run -var</c>
/// does: a whole <c>${var.x}</c> takes the variable's value with its type (a number stays a number), a reference
/// inside text is replaced by the value's text. Every other <c>${…}</c> (<c>${node.class}</c>,
/// <c>${NOMAD_PORT_ssh}</c>) is Nomad's runtime interpolation and stays as it is, as it does in the job Nomad stores.
/// </summary>
internal static partial class HclVariables
{
    /// <exception cref="InvalidDataException">A reference to a variable that has no value, or an expression that is
    /// more than a plain reference (this resolver does not evaluate HCL).</exception>
    public static JsonNode? Resolve(JsonNode? node, IReadOnlyDictionary<string, JsonNode?> values, string where) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Resolve(p.Value, values, $"{where}.{p.Key}")))),
        JsonArray array => new JsonArray([.. array.Select((item, i) => Resolve(item, values, $"{where}[{i}]"))]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => ResolveText(value.GetValue<string>(), values, where),
        _ => node?.DeepClone(),
    };

    private static JsonNode? ResolveText(string text, IReadOnlyDictionary<string, JsonNode?> values, string where)
    {
        if (WholeReference().Match(text) is { Success: true } whole)
        {
            return Value(whole.Groups[1].Value, values, where)?.DeepClone();
        }

        // One pass, so a value put in is never itself unescaped: HCL's $${ and %%{ are a literal ${ and %{ (Nomad
        // then interpolates ${attr.…} itself at run time).
        var replaced = 0;
        var result = TextPiece().Replace(text, m =>
        {
            if (!m.Groups["var"].Success)
            {
                return m.Value[1..];
            }

            replaced++;
            return Text(Value(m.Groups["var"].Value, values, where), m.Value, where);
        });
        if (AnyReference().Count(text) != replaced)
        {
            throw new InvalidDataException($"{where}: '{text}' is an HCL expression this resolver does not evaluate; refer to variables only as ${{var.name}}");
        }

        return JsonValue.Create(result);
    }

    /// <summary>A literal from the file (a variable's default) as HCL reads it: <c>$${</c> and <c>%%{</c> unescaped.</summary>
    public static JsonNode? Literal(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Literal(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Literal)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String =>
            JsonValue.Create(value.GetValue<string>().Replace("$${", "${", StringComparison.Ordinal).Replace("%%{", "%{", StringComparison.Ordinal)),
        _ => node?.DeepClone(),
    };

    private static JsonNode? Value(string name, IReadOnlyDictionary<string, JsonNode?> values, string where) =>
        values.TryGetValue(name, out var value)
            ? value
            : throw new InvalidDataException($"{where}: variable '{name}' has no value; give it a default or pass it as -var {name}=…");

    private static string Text(JsonNode? value, string reference, string where) => value?.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.Number => value.ToJsonString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw new InvalidDataException($"{where}: {reference} is not text, a number or a bool, so it cannot stand inside a string"),
    };

    [GeneratedRegex(@"^\$\{var\.([A-Za-z_][A-Za-z0-9_-]*)\}$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"\$\$\{|%%\{|\$\{var\.(?<var>[A-Za-z_][A-Za-z0-9_-]*)\}")]
    private static partial Regex TextPiece();

    /// <summary>Every unescaped reference to a variable or local, plain or not.</summary>
    [GeneratedRegex(@"(?<!\$)\$\{\s*(var|local)\.")]
    private static partial Regex AnyReference();
}
