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
    public string? Version { get; init; }
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
