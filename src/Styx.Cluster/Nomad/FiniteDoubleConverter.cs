using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Nomad's floating-point fields (CPU and disk statistics). Go's encoding/json cannot write NaN or ±Inf
/// (UnsupportedValueError), so a number that does not fit a finite double — <c>1e400</c>, or <c>"NaN"</c> through
/// string-quoted numbers — is not something Nomad sent: it is a <see cref="JsonException"/> here, not an infinity that
/// System.Text.Json would later refuse to write back (<c>--json</c> output).
/// </summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string text;
        double value;
        if (reader.TokenType == JsonTokenType.Number)
        {
            text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            value = reader.GetDouble();
        }
        else if (reader.TokenType == JsonTokenType.String && options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString))
        {
            // As NomadJson.Options allows for every number: "12.5" reads as 12.5.
            text = reader.GetString()!;
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
            {
                throw new JsonException($"'{text}' is not a number");
            }
        }
        else
        {
            throw new JsonException($"expected a number, got {reader.TokenType}");
        }

        return double.IsFinite(value) ? value : throw new JsonException($"{text} is not a finite number; Nomad sends none");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
