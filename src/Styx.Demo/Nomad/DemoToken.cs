using System.Collections.Immutable;

namespace Styx.Demo.Nomad;

/// <summary>An ACL token of the simulated cluster: its public accessor, its secret and what its policies allow.</summary>
public sealed record DemoToken(string AccessorId, string SecretId, string Name, string Type, ImmutableArray<string> Policies)
{
    internal ImmutableHashSet<NomadCapability> Capabilities { get; init; } = [];

    internal bool Allows(NomadCapability capability) =>
        Type == "management" || Capabilities.Contains(capability);

    /// <summary>Never print the secret.</summary>
    public override string ToString() => $"{Name} ({AccessorId})";
}
