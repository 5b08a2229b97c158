namespace Styx.Cluster.Nomad;

/// <summary>What jobs in a namespace may use (<c>api.NamespaceCapabilities</c>); null lists mean no restriction.</summary>
public sealed record NamespaceCapabilities
{
    public IReadOnlyList<string>? EnabledTaskDrivers { get; init; }
    public IReadOnlyList<string>? DisabledTaskDrivers { get; init; }
    public IReadOnlyList<string>? EnabledNetworkModes { get; init; }
    public IReadOnlyList<string>? DisabledNetworkModes { get; init; }
}
