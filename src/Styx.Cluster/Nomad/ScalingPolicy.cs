using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>A task group's <c>scaling</c> block: the bounds a count must stay within.</summary>
public sealed record ScalingPolicy
{
    public string? ID { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }
    public bool? Enabled { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
