using Styx.Cluster.Access;

namespace Styx.Cluster.Tests.Access;

public sealed class RolePolicyTests
{
    [Theory]
    [InlineData(ClusterAction.JobStart, Role.Operator)]
    [InlineData(ClusterAction.JobStop, Role.Operator)]
    [InlineData(ClusterAction.JobScale, Role.Operator)]
    [InlineData(ClusterAction.JobRestart, Role.Operator)]
    [InlineData(ClusterAction.JobRevert, Role.Operator)]
    [InlineData(ClusterAction.AllocationRestart, Role.Operator)]
    [InlineData(ClusterAction.AllocationStop, Role.Operator)]
    [InlineData(ClusterAction.JobPurge, Role.Admin)]
    [InlineData(ClusterAction.NodeDrain, Role.Admin)]
    [InlineData(ClusterAction.NodeEligibility, Role.Admin)]
    [InlineData(ClusterAction.PlatformServiceStart, Role.Admin)]
    [InlineData(ClusterAction.PlatformServiceStop, Role.Admin)]
    public void RequiredRole_EachAction_MatchesDesign(ClusterAction action, Role expected)
    {
        Assert.Equal(expected, RolePolicy.RequiredRole(action));
    }

    [Fact]
    public void Allows_Viewer_NoActionAtAll()
    {
        Assert.All(Enum.GetValues<ClusterAction>(), a => Assert.False(RolePolicy.Allows(Role.Viewer, a)));
    }

    [Fact]
    public void Allows_Admin_EveryAction()
    {
        Assert.All(Enum.GetValues<ClusterAction>(), a => Assert.True(RolePolicy.Allows(Role.Admin, a)));
    }

    [Theory]
    [InlineData("viewer", Role.Viewer)]
    [InlineData("Operator", Role.Operator)]
    [InlineData(" ADMIN ", Role.Admin)]
    public void TryParse_KnownNames_ParseCaseInsensitively(string text, Role expected)
    {
        Assert.True(RoleNames.TryParse(text, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(text.Trim().ToLowerInvariant(), role.Value.ToName());
    }

    [Theory]
    [InlineData("root")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_UnknownName_Fails(string? text)
    {
        Assert.False(RoleNames.TryParse(text, out _));
    }
}
