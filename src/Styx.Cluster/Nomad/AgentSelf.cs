using System.Text.Json;
using System.Text.Json.Serialization;

namespace Styx.Cluster.Nomad;

/// <summary>The parts of <c>GET /v1/agent/self</c> Styx shows (its top-level keys are lowercase on the wire).</summary>
public sealed record AgentSelf
{
    [JsonPropertyName("config")]
    public AgentConfig? Config { get; init; }

    [JsonPropertyName("member")]
    public AgentMember? Member { get; init; }

    [JsonPropertyName("stats")]
    public AgentStats? Stats { get; init; }
}

/// <summary>The agent's configuration: where it is and which version.</summary>
public sealed record AgentConfig
{
    public string? Region { get; init; }
    public string? Datacenter { get; init; }
    public string? NodeName { get; init; }

    /// <summary>A string in old agents ("0.5.5"), an object <c>{Version, VersionPrerelease, Revision}</c> in current ones.</summary>
    public JsonElement? Version { get; init; }

    /// <summary>The agent version as text, whichever shape the agent sent.</summary>
    [JsonIgnore]
    public string? VersionText => Version switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Object } version when version.TryGetProperty("Version", out var number) =>
            version.TryGetProperty("VersionPrerelease", out var pre) && pre.GetString() is { Length: > 0 } prerelease
                ? $"{number.GetString()}-{prerelease}"
                : number.GetString(),
        _ => null,
    };
}

/// <summary>The agent as a Serf member.</summary>
public sealed record AgentMember
{
    public string? Name { get; init; }
    public string? Addr { get; init; }
    public int Port { get; init; }
    public string? Status { get; init; }
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

/// <summary>Agent statistics; only the <c>nomad</c> section is modelled.</summary>
public sealed record AgentStats
{
    [JsonPropertyName("nomad")]
    public IReadOnlyDictionary<string, string>? Nomad { get; init; }
}
