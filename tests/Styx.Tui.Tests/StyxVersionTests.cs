namespace Styx.Tui.Tests;

/// <summary>The version styx-tui prints and sends as its SSH identification string.</summary>
public sealed class StyxVersionTests
{
    [Theory]
    [InlineData("0.4.0", "SSH-2.0-Styx_0.4.0")]
    [InlineData("v0.4.0-12-gabc1234-dirty", "SSH-2.0-Styx_v0.4.0_12_gabc1234_dirty")]
    [InlineData("0.0.0-dev+5d7a6ca", "SSH-2.0-Styx_0.0.0_dev+5d7a6ca")]
    [InlineData("1 2\tß", "SSH-2.0-Styx_1_2__")]
    public void SshIdentificationFor_Version_PrintableWithoutSpacesOrMinus(string version, string expected) =>
        Assert.Equal(expected, StyxVersion.SshIdentificationFor(version));

    [Fact]
    public void SshIdentificationFor_LongVersion_FitsTheLineLimit() =>
        Assert.Equal(253, StyxVersion.SshIdentificationFor(new string('1', 400)).Length);  // 255 with CR LF (RFC 4253 §4.2)

    [Fact]
    public void Current_PlainBuild_IsDevelopmentVersionWithItsCommit()
    {
        // This test project builds styx-tui without scripts/publish.sh: 0.0.0-dev, plus the commit in a git clone.
        Assert.Matches(@"^0\.0\.0-dev(\+[0-9a-f]{7})?$", StyxVersion.Current);
        Assert.Equal(StyxVersion.SshIdentificationFor(StyxVersion.Current), StyxVersion.SshIdentification);
    }
}
