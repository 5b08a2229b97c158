using Styx.Tui.Hosting.Telemetry;

namespace Styx.Tui.Tests.Hosting.Telemetry;

public sealed class ServerHealthTests
{
    [Fact]
    public void Of_AcceptingAndSynced_Ok()
    {
        Assert.Equal(new ServerHealth(true, "ok"), ServerHealth.Of(sshAccepting: true, clusterSynced: true, lastNomadError: "an old failure"));
    }

    [Fact]
    public void Of_NotSyncedYet_SaysWhyInOneVisibleLine()
    {
        // Nomad's (or a proxy's) text is outside text: a line break or an escape sequence must not reach the checker's log.
        var sut = ServerHealth.Of(sshAccepting: true, clusterSynced: false, lastNomadError: "jobs: Nomad at http://n:4646 is unreachable (connection refused)\n\u001b[2Jforged");

        Assert.False(sut.Ready);
        Assert.Equal("waiting for the first Nomad sync: jobs: Nomad at http://n:4646 is unreachable (connection refused)␊␛[2Jforged", sut.Text);
    }

    [Fact]
    public void Of_NoAnswerYetAndSshStopped_BothReasons()
    {
        var sut = ServerHealth.Of(sshAccepting: false, clusterSynced: false, lastNomadError: null);

        Assert.Equal(new ServerHealth(false, "the SSH listener is not accepting connections; waiting for the first Nomad sync: no answer yet"), sut);
    }
}
