using System.Collections.Frozen;
using Styx.Cluster.Access;
using Styx.Cluster.Audit;
using Styx.Cluster.Commands;

namespace Styx.Tui.Hosting.Telemetry;

/// <summary>
/// The audit log as every writer sees it, counting as it writes: each command record (allowed, refused or failed) is
/// one <c>styx_commands_total</c>, and session records move <c>styx_sessions_open</c>. Counting the records rather
/// than the code paths means a command counts exactly once, however it ended, and the role checks stay in
/// <see cref="ClusterCommands"/>.
/// </summary>
/// <remarks>
/// Only records whose action is a cluster command (<see cref="ClusterCommands.ActionName"/>) count as commands, and
/// only known session kinds and roles move the gauge, so no record can add a label value outside a bounded set.
/// </remarks>
internal sealed class MeteredAuditLog(IAuditLog inner, StyxMetrics metrics) : IAuditLog
{
    private static readonly FrozenSet<string> CommandActions = Enum.GetValues<ClusterAction>().Select(ClusterCommands.ActionName).ToFrozenSet(StringComparer.Ordinal);

    public event Action<AuditRecord>? Written
    {
        add => inner.Written += value;
        remove => inner.Written -= value;
    }

    public void Write(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        inner.Write(record);
        if (CommandActions.Contains(record.Action))
        {
            metrics.CommandEnded(record.Action, record.Outcome);
        }
        else if (record.Action is StyxSessionHandler.SessionOpenAction or StyxSessionHandler.SessionCloseAction && StyxMetrics.SessionKinds.Contains(record.Target) && RoleNames.TryParse(record.Role, out var role))
        {
            if (record.Action == StyxSessionHandler.SessionOpenAction)
            {
                metrics.SessionOpened(record.Target, role.Value);
            }
            else
            {
                metrics.SessionClosed(record.Target, role.Value);
            }
        }
    }

    public IReadOnlyList<AuditRecord> Recent(int count) => inner.Recent(count);
}
