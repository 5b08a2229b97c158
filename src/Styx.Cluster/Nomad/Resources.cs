using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>What a task asks for: CPU in MHz, memory in MB.</summary>
public sealed record Resources
{
    public int? CPU { get; init; }
    public int? Cores { get; init; }
    public int? MemoryMB { get; init; }
    public int? MemoryMaxMB { get; init; }
    public int? DiskMB { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
