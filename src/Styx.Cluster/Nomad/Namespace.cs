namespace Styx.Cluster.Nomad;

/// <summary>
/// A Nomad namespace (<c>GET /v1/namespaces</c>, <c>/v1/namespace/:name</c>; Nomad's <c>api.Namespace</c>). Jobs,
/// allocations, deployments and service registrations each live in one; nodes do not. The quota, node pool, Vault
/// and Consul settings are Enterprise features and not modelled (unknown fields are ignored).
/// </summary>
public sealed record Namespace
{
    /// <summary>The namespace every cluster has, and what a request without a <c>namespace</c> parameter addresses.</summary>
    public const string Default = "default";

    /// <summary>
    /// The <c>namespace</c> parameter that asks a list endpoint for every namespace the token may see (Nomad's
    /// <c>AllNamespacesSentinel</c>). Object endpoints do not expand it.
    /// </summary>
    public const string All = "*";

    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? Quota { get; init; }
    public NamespaceCapabilities? Capabilities { get; init; }
    public IReadOnlyDictionary<string, string>? Meta { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }
}
