using System.Collections.Immutable;

namespace Styx.Cluster.Platform;

/// <summary>
/// One platform service of a Styx cluster (DESIGN.md §2): what it is called, which Nomad job runs it (none for
/// Vault, which runs under launchd), its ports and how to tell it is healthy.
/// </summary>
/// <param name="Name">Display name, e.g. <c>NATS</c>.</param>
/// <param name="JobId">The Nomad job ID, or null when the service is not a Nomad job.</param>
/// <param name="Kind"><c>service</c>, <c>system</c> (one allocation per node) or <c>external</c>.</param>
/// <param name="Ports">Named ports, e.g. <c>client → 4222</c>.</param>
/// <param name="HealthPath">An HTTP path that answers 200 when healthy, on the first port, if the service has one.</param>
/// <param name="RoutedAt">The Traefik path it is reachable at, if any (e.g. <c>/grafana</c>).</param>
/// <param name="ServerClassOnly">Constrained to nodes of class <c>server</c>.</param>
/// <param name="Notes">What an operator should know about it.</param>
/// <param name="Namespace">The Nomad namespace of <paramref name="JobId"/>; null for <c>default</c>, where
/// <c>styx init --serve</c> deploys the platform. A job of the same ID in another namespace is not this service.</param>
public sealed record PlatformService(
    string Name,
    string? JobId,
    string Kind,
    ImmutableArray<PlatformPort> Ports,
    string? HealthPath,
    string? RoutedAt,
    bool ServerClassOnly,
    string? Notes,
    string? Namespace = null)
{
    /// <summary>The namespace its job runs in.</summary>
    public string JobNamespace => Namespace ?? Nomad.Namespace.Default;
}
