using Styx.Cluster.Text;

namespace Styx.Tui.Hosting.Telemetry;

/// <summary>
/// What <c>GET /health</c> answers: ready (200 <c>ok</c>) only when SSH connections are being accepted and the shared
/// cluster watcher has synced with Nomad once; otherwise not ready (503) and one line saying why, which Nomad shows
/// next to the failing check. Nomad's error text is outside text, so it goes through <see cref="ControlCharacters"/>.
/// </summary>
internal readonly record struct ServerHealth(bool Ready, string Text)
{
    public const string Ok = "ok";

    /// <param name="lastNomadError">Why the watches fail (the snapshot's <c>Connection.LastError</c>), or null when none has yet.</param>
    public static ServerHealth Of(bool sshAccepting, bool clusterSynced, string? lastNomadError)
    {
        if (sshAccepting && clusterSynced)
        {
            return new ServerHealth(true, Ok);
        }

        var reasons = new List<string>(2);
        if (!sshAccepting)
        {
            reasons.Add("the SSH listener is not accepting connections");
        }

        if (!clusterSynced)
        {
            reasons.Add("waiting for the first Nomad sync: " + (lastNomadError is { Length: > 0 } error ? ControlCharacters.MakeVisible(error) : "no answer yet"));
        }

        return new ServerHealth(false, string.Join("; ", reasons));
    }
}
