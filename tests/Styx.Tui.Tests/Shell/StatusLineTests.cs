using System.Net;
using Styx.Cluster.Access;
using Styx.Cluster.State;
using Styx.Tui.Shell;

namespace Styx.Tui.Tests.Shell;

/// <summary>The status line as a pure function: connection state, namespace, who, the time, then hints as room allows.</summary>
public sealed class StatusLineTests
{
    private static readonly Caller Alice = new("alice", "SHA256:a", Role.Admin, IPAddress.Loopback);
    private static readonly DateTimeOffset Noon = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Live_NamespaceUserTimeAndHintsThatFit()
    {
        var snapshot = new ClusterSnapshot { UpdatedAt = Noon.AddSeconds(-5), Connection = new ConnectionStatus(true, Noon, null, null) };
        var (text, healthy) = StatusLine.Compose(snapshot, "styx", "staging", Alice, Noon, t => t, ["? help", "/ filter", "S scale"], 96);
        Assert.True(healthy);
        Assert.Equal(" styx │ ● live · changed 11:59:55 │ ns staging │ alice (admin) │ 12:00  ? help  / filter ", text);
    }

    [Fact]
    public void Stale_SaysTheProblemAndTheDataAge()
    {
        var connection = new ConnectionStatus(false, Noon.AddMinutes(-3), Noon.AddMinutes(-2), "jobs: bad") { NoAnswer = false };
        var (text, healthy) = StatusLine.Compose(new ClusterSnapshot { Connection = connection }, "styx", "*", Alice, Noon, t => t, [], 200);
        Assert.False(healthy);
        Assert.Contains("✕ Nomad answering badly since 11:58:00 · data from 11:57:00 │ ns * │", text, StringComparison.Ordinal);
    }
}
