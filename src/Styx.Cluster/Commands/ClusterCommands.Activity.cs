using System.Collections.Immutable;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;

namespace Styx.Cluster.Commands;

public sealed partial class ClusterCommands
{
    /// <summary>
    /// Opens the live audit feed for the Activity screen. Admins only: the log names who did what and from where.
    /// Opening it is audited like any command (a refused attempt too).
    /// </summary>
    public (CommandResult Result, ActivityFeed? Feed) OpenActivity(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var arguments = ImmutableDictionary<string, string>.Empty;
        if (Refusal(caller, ClusterAction.ActivityRead, AuditTarget.Log, arguments, null, null) is { } refused)
        {
            return (refused, null);
        }

        Audit(caller, ClusterAction.ActivityRead, AuditTarget.Log, arguments, AuditOutcome.Succeeded, null);
        return (CommandResult.Ok("activity"), new ActivityFeed(audit));
    }
}
