namespace Styx.Cluster.Nomad;

/// <summary>A client node as <c>GET /v1/nodes</c> lists it.</summary>
public sealed record NodeListStub
{
    public string ID { get; init; } = "";
    public string Name { get; init; } = "";
    public string Address { get; init; } = "";
    public string Datacenter { get; init; } = "";
    public string NodeClass { get; init; } = "";
    public string? NodePool { get; init; }
    public string Version { get; init; } = "";
    public bool Drain { get; init; }
    /// <summary><c>eligible</c> or <c>ineligible</c>.</summary>
    public string SchedulingEligibility { get; init; } = "";
    /// <summary><c>initializing</c>, <c>ready</c>, <c>down</c> or <c>disconnected</c>.</summary>
    public string Status { get; init; } = "";
    public string? StatusDescription { get; init; }
    public IReadOnlyDictionary<string, DriverInfo>? Drivers { get; init; }
    /// <summary>Only with <c>os=true</c>.</summary>
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    /// <summary>Only with <c>resources=true</c>.</summary>
    public NodeResources? NodeResources { get; init; }
    /// <summary>Only with <c>resources=true</c>.</summary>
    public NodeReservedResources? ReservedResources { get; init; }
    public DrainMetadata? LastDrain { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
}
