namespace Styx.Cluster.State;

/// <summary>
/// Whether Styx can reach Nomad, and since when not. Screens show "unreachable since T" with the last good data.
/// </summary>
/// <param name="Reachable">The last request succeeded.</param>
/// <param name="LastSuccess">When data last arrived, or null if it never did.</param>
/// <param name="UnreachableSince">When the current run of failures began; null while reachable.</param>
/// <param name="LastError">What the last failure said (no secrets), null while reachable.</param>
public sealed record ConnectionStatus(bool Reachable, DateTimeOffset? LastSuccess, DateTimeOffset? UnreachableSince, string? LastError)
{
    public static readonly ConnectionStatus Connecting = new(false, null, null, null);

    public ConnectionStatus Succeeded(DateTimeOffset now) => new(true, now, null, null);

    public ConnectionStatus Failed(DateTimeOffset now, string error) => new(false, LastSuccess, UnreachableSince ?? now, error);
}
