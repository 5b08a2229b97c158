using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>A <c>service</c> block of a group or task (Nomad's <c>Service</c>).</summary>
public sealed record ServiceSpec
{
    public string Name { get; init; } = "";
    public string? PortLabel { get; init; }
    /// <summary><c>nomad</c> (Styx's native discovery) or <c>consul</c>.</summary>
    public string? Provider { get; init; }
    public IReadOnlyList<string>? Tags { get; init; }
    /// <summary>The service's checks; Nomad runs those of <c>nomad</c> services itself and reports them per allocation.</summary>
    public IReadOnlyList<ServiceCheck>? Checks { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
