using Styx.Cluster.Access;
using Styx.Cluster.Net;

namespace Styx.Cluster.Nomad;

/// <summary>
/// One <see cref="NomadClient"/> per role, each holding only that role's token (DESIGN.md §5): a viewer's session can
/// only ever send the viewer's token, so Nomad's own ACL refuses what Styx would refuse. A role without its own token
/// uses the default one (<c>NOMAD_TOKEN</c>).
/// </summary>
public sealed class NomadClientSet : IDisposable
{
    private readonly Dictionary<Role, NomadClient> _clients;

    /// <param name="options">Address, TLS, namespace and the default token.</param>
    /// <param name="roleTokens">Tokens per role; missing or empty ones fall back to <paramref name="options"/>' token.</param>
    /// <param name="transport">A transport to share (tests); null builds one per client.</param>
    /// <param name="observer">Told of every request any of the clients sent (Styx's metrics); null for none.</param>
    public NomadClientSet(NomadClientOptions options, IReadOnlyDictionary<Role, string?> roleTokens, HttpMessageHandler? transport = null, IUpstreamObserver? observer = null)
    {
        RolesOnDefaultToken = [.. Enum.GetValues<Role>().Where(role => roleTokens.GetValueOrDefault(role) is not { Length: > 0 })];
        HasDefaultToken = options.Token is { Length: > 0 };
        _clients = Enum.GetValues<Role>().ToDictionary(
            role => role,
            role => new NomadClient(
                options with { Token = roleTokens.GetValueOrDefault(role) is { Length: > 0 } token ? token : options.Token },
                transport,
                observer));
    }

    /// <summary>
    /// Roles without a token of their own, which send the default token (<c>NOMAD_TOKEN</c>, or none). For them
    /// Nomad's ACLs do not back Styx's roles: only Styx's own check stands between a viewer and a write.
    /// </summary>
    public IReadOnlyList<Role> RolesOnDefaultToken { get; }

    /// <summary>Whether there is a default token at all (none: requests carry no token, which works only with ACLs off).</summary>
    public bool HasDefaultToken { get; }

    /// <summary>
    /// What an operator must know about the tokens, one line, or null when every role has its own: said loudly at
    /// start (and later on <c>/health</c>) so nobody assumes Nomad's ACLs enforce Styx's roles when they do not.
    /// </summary>
    public string? TokenWarning => RolesOnDefaultToken.Count == 0 ? null
        : $"Nomad tokens: {string.Join(", ", RolesOnDefaultToken.Select(r => r.ToName()))} {(RolesOnDefaultToken.Count == 1 ? "has" : "have")} no token of {(RolesOnDefaultToken.Count == 1 ? "its" : "their")} own and "
          + (HasDefaultToken ? "send NOMAD_TOKEN" : "send no token (NOMAD_TOKEN is not set either)")
          + ", so Nomad's ACLs do not back Styx's roles there; only Styx's own role check does. Set nomad:tokens:viewer, nomad:tokens:operator and nomad:tokens:admin to tokens with those capabilities";

    /// <summary>The client for a role.</summary>
    public NomadClient For(Role role) => _clients[role];

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
