using Styx.EndToEnd.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 10 item 2: started against a real Nomad address with no per-role tokens, <c>styx-tui</c> says at once, on
/// stdout beside the connect line and in its log, that Nomad's ACLs do not back Styx's roles. The demo, which gives
/// every role its own token, says nothing of the kind.
/// </summary>
public sealed class StartupWarningTests
{
    [Fact]
    public async Task NoRoleTokens_StartSaysNomadAclsDoNotBackTheRoles()
    {
        // Nothing listens on port 9 of loopback: the watcher retries in the background, the server still starts.
        await using var styx = await StyxProcess.StartAsync(["serve", "--nomad-addr", "http://127.0.0.1:9"]);
        Assert.Contains("WARNING Nomad tokens: viewer, operator, admin have no token of their own", styx.Output, StringComparison.Ordinal);
        Assert.Contains("Nomad's ACLs do not back Styx's roles", styx.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_EveryRoleHasItsToken_NoWarning()
    {
        await using var styx = await StyxProcess.StartAsync(["--demo"]);
        Assert.DoesNotContain("Nomad tokens:", styx.Output, StringComparison.Ordinal);
    }
}
