using System.Text.Json;

namespace Styx.Cluster.Json;

/// <summary>
/// The shapes Loki's and Prometheus's JSON answers share: label objects, arrays and typed properties. A shape that is
/// not there is a <see cref="FormatException"/> naming what was wrong; each reader turns it into its own exception
/// (<c>LokiException</c>, <c>PrometheusException</c>), so a bad answer never escapes as a parser's exception.
/// </summary>
internal static class JsonAnswer
{
    /// <summary><c>{"name": "value", …}</c>, every value a string.</summary>
    public static IReadOnlyDictionary<string, string> LabelObject(JsonElement labels)
    {
        if (labels.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("labels are not a JSON object");
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var label in labels.EnumerateObject())
        {
            result[label.Name] = label.Value.ValueKind == JsonValueKind.String ? label.Value.GetString()! : throw new FormatException($"label {label.Name} is not a string");
        }

        return result;
    }

    public static JsonElement.ArrayEnumerator Array(JsonElement element) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw new FormatException($"expected an array, found {element.ValueKind}");

    /// <summary>The property <paramref name="name"/> of <paramref name="owner"/>, which must be there and of <paramref name="kind"/>.</summary>
    public static JsonElement Property(JsonElement owner, string name, JsonValueKind kind)
    {
        if (owner.ValueKind != JsonValueKind.Object || !owner.TryGetProperty(name, out var value))
        {
            throw new FormatException($"\"{name}\" is missing");
        }

        return value.ValueKind == kind ? value : throw new FormatException($"\"{name}\" is {value.ValueKind}, not {kind}");
    }
}
