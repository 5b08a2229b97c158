using System.Net;
using Styx.Cluster.Access;
using Styx.Tui.Commands;

namespace Styx.Tui.Tests.Commands;

public sealed class SessionBannerTests
{
    [Fact]
    public void For_Operator_NamesUserRoleAndCluster()
    {
        var caller = new Caller("alice", "SHA256:x", Role.Operator, IPAddress.Loopback);

        Assert.Equal("alice (operator) on styx", SessionBanner.For(caller, "styx", demo: false));
        Assert.Contains("demo cluster", SessionBanner.For(caller, "styx", demo: true), StringComparison.Ordinal);
    }
}
