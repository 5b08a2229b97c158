using Styx.Cluster.Access;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.Tests.Nomad;

/// <summary>
/// Issue 10 item 2: a role without its own Nomad token sends the default one, and Styx says so, naming the roles,
/// so nobody assumes Nomad's ACLs back Styx's roles when they do not. The warning never contains a token.
/// </summary>
public sealed class NomadClientSetTests
{
    private static readonly NomadClientOptions s_withDefault = new() { Address = new Uri("http://127.0.0.1:4646"), Token = "default-secret-token" };

    [Fact]
    public void EveryRoleHasItsOwnToken_NoWarning()
    {
        using var clients = new NomadClientSet(s_withDefault, new Dictionary<Role, string?>
        {
            [Role.Viewer] = "viewer-secret", [Role.Operator] = "operator-secret", [Role.Admin] = "admin-secret",
        });
        Assert.Empty(clients.RolesOnDefaultToken);
        Assert.Null(clients.TokenWarning);
        Assert.Equal("operator-secret", clients.For(Role.Operator).Options.Token);
    }

    [Fact]
    public void OperatorAndAdminWithoutTokens_WarningNamesThemAndNomadToken_NoSecret()
    {
        using var clients = new NomadClientSet(s_withDefault, new Dictionary<Role, string?> { [Role.Viewer] = "viewer-secret", [Role.Operator] = "" });
        Assert.Equal([Role.Operator, Role.Admin], clients.RolesOnDefaultToken);
        Assert.Equal("default-secret-token", clients.For(Role.Admin).Options.Token);
        var warning = clients.TokenWarning!;
        Assert.StartsWith("Nomad tokens: operator, admin have no token of their own and send NOMAD_TOKEN", warning, StringComparison.Ordinal);
        Assert.Contains("Nomad's ACLs do not back Styx's roles", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void NoTokenAnywhere_WarningSaysRequestsCarryNone()
    {
        using var clients = new NomadClientSet(s_withDefault with { Token = null }, new Dictionary<Role, string?>());
        Assert.Equal([Role.Viewer, Role.Operator, Role.Admin], clients.RolesOnDefaultToken);
        Assert.Contains("send no token (NOMAD_TOKEN is not set either)", clients.TokenWarning, StringComparison.Ordinal);
    }
}
