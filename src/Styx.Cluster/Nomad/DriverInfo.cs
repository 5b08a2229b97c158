namespace Styx.Cluster.Nomad;

/// <summary>A task driver as a node reports it (e.g. Styx's <c>container</c> driver on each Mac).</summary>
public sealed record DriverInfo
{
    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
    public bool Detected { get; init; }
    public bool Healthy { get; init; }
    public string? HealthDescription { get; init; }
    public DateTimeOffset? UpdateTime { get; init; }
}
