using System.Globalization;
using Styx.Cluster.Access;
using Styx.Cluster.State;

namespace Styx.Tui.Shell;

/// <summary>
/// The bottom line (DESIGN.md §6): cluster, connection state and data age, namespace, user and role, the time, then
/// hints for the keys of the current screen from the command table as room allows. Pure: tested without a session.
/// </summary>
internal static class StatusLine
{
    /// <param name="nomadNamespace">The session's namespace: a name, or <c>*</c> for all.</param>
    /// <param name="localTime">Converts a time to the session's clock.</param>
    public static (string Text, bool Healthy) Compose(
        ClusterSnapshot snapshot,
        string clusterName,
        string nomadNamespace,
        Caller caller,
        DateTimeOffset localNow,
        Func<DateTimeOffset, DateTimeOffset> localTime,
        IReadOnlyList<string> hints,
        int width)
    {
        var connection = snapshot.Connection;
        string state;
        if (connection.Reachable)
        {
            state = "● live" + (snapshot.UpdatedAt is { } updated ? " · changed " + Clock(localTime(updated)) : "");
        }
        else if (connection.UnreachableSince is { } since)
        {
            state = $"✕ Nomad {connection.Problem} since " + Clock(localTime(since))
                    + (connection.LastSuccess is { } last ? " · data from " + Clock(localTime(last)) : " · no data yet");
        }
        else
        {
            state = "… connecting to Nomad";
        }

        var text = $" {clusterName} │ {state} │ ns {nomadNamespace} │ {caller.User} ({caller.Role.ToName()}) │ {localNow.ToString("HH:mm", CultureInfo.InvariantCulture)} ";
        foreach (var hint in hints)
        {
            if (text.Length + hint.Length + 2 > width)
            {
                break;
            }

            text += " " + hint + " ";
        }

        return (text, connection.Reachable);
    }

    private static string Clock(DateTimeOffset time) => time.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
