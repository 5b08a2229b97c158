using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>
/// How Nomad's JSON is read and written: property names exactly as Nomad sends them (Go field names), unknown fields
/// ignored (newer Nomad versions add fields), times through <see cref="NomadTimeConverter"/>, and only finite
/// floating-point numbers (<see cref="FiniteDoubleConverter"/>).
/// </summary>
public static class NomadJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = null,
            PropertyNameCaseInsensitive = false,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            Converters = { new NomadTimeConverter(), new FiniteDoubleConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
