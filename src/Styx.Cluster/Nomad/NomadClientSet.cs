using Styx.Cluster.Access;

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
    public NomadClientSet(NomadClientOptions options, IReadOnlyDictionary<Role, string?> roleTokens, HttpMessageHandler? transport = null)
    {
        _clients = Enum.GetValues<Role>().ToDictionary(
            role => role,
            role => new NomadClient(
                options with { Token = roleTokens.GetValueOrDefault(role) is { Length: > 0 } token ? token : options.Token },
                transport));
    }

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
