namespace Styx.Cluster.State;

/// <summary>
/// Whether Styx's watches of Nomad are all current, and since when not. Screens show the problem and its start with
/// the last good data ("stale"), which stays on screen.
/// </summary>
/// <param name="Reachable">Every watch's last request succeeded.</param>
/// <param name="LastSuccess">When data last arrived, or null if it never did.</param>
/// <param name="UnreachableSince">When the oldest current failure began; null while every watch is current.</param>
/// <param name="LastError">Which watches fail and what their failures say (no secrets), null while all are current.</param>
public sealed record ConnectionStatus(bool Reachable, DateTimeOffset? LastSuccess, DateTimeOffset? UnreachableSince, string? LastError)
{
    public static readonly ConnectionStatus Connecting = new(false, null, null, null);

    /// <summary>
    /// True when the failing watches got no answer at all (refused, unreachable, timed out); false when Nomad, or
    /// something in between, answered with something Styx cannot use.
    /// </summary>
    public bool NoAnswer { get; init; }

    /// <summary>How the problem reads on a status line and in <c>status</c>: "unreachable" or "answering badly".</summary>
    public string Problem => NoAnswer ? "unreachable" : "answering badly";
}
