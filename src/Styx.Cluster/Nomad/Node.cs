namespace Styx.Cluster.Nomad;

/// <summary>A client node in full (<c>GET /v1/node/:id</c>).</summary>
public sealed record Node
{
    public string ID { get; init; } = "";
    public string Name { get; init; } = "";
    public string Datacenter { get; init; } = "";
    public string? HTTPAddr { get; init; }
    public bool TLSEnabled { get; init; }
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    public NodeResources? NodeResources { get; init; }
    public NodeReservedResources? ReservedResources { get; init; }
    public IReadOnlyDictionary<string, string>? Links { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
    public string NodeClass { get; init; } = "";
    public string? NodePool { get; init; }
    public bool Drain { get; init; }
    public DrainStrategy? DrainStrategy { get; init; }
    public string SchedulingEligibility { get; init; } = "";
    public string Status { get; init; } = "";
    public string? StatusDescription { get; init; }
    public long StatusUpdatedAt { get; init; }
    public IReadOnlyList<NodeEvent>? Events { get; init; }
    public IReadOnlyDictionary<string, DriverInfo>? Drivers { get; init; }
    public DrainMetadata? LastDrain { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
}
