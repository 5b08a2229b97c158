using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>A <c>check</c> block of a service (Nomad's <c>api.ServiceCheck</c>); durations are nanoseconds.</summary>
public sealed record ServiceCheck
{
    public string Name { get; init; } = "";
    /// <summary><c>http</c>, <c>tcp</c>, <c>grpc</c> or <c>script</c> (Nomad-native services run http and tcp).</summary>
    public string Type { get; init; } = "";
    public string? Path { get; init; }
    public string? PortLabel { get; init; }
    public long Interval { get; init; }
    public long Timeout { get; init; }
    /// <summary><c>require_healthy</c> (the default), <c>ignore_warnings</c> or <c>ignore</c> (a readiness check).</summary>
    public string? OnUpdate { get; init; }

    /// <summary>Every field not modelled above, so a job read and registered again loses nothing.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
