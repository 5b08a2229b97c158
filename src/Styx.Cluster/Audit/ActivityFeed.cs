namespace Styx.Cluster.Audit;

/// <summary>
/// The audit log as an admin sees it live: the latest records and a signal for each new one. Only
/// <see cref="Commands.ClusterCommands.OpenActivity"/> hands one out, after the role check.
/// </summary>
public sealed class ActivityFeed
{
    private readonly IAuditLog _log;

    internal ActivityFeed(IAuditLog log) => _log = log;

    /// <summary>The latest <paramref name="count"/> records, newest last.</summary>
    public IReadOnlyList<AuditRecord> Recent(int count) => _log.Recent(count);

    /// <summary>Calls <paramref name="written"/> (on the writer's thread) after each new record until disposed.</summary>
    public IDisposable Watch(Action written)
    {
        ArgumentNullException.ThrowIfNull(written);
        var subscription = new Subscription(_log, _ => written());
        _log.Written += subscription.Handler;
        return subscription;
    }

    private sealed class Subscription(IAuditLog log, Action<AuditRecord> handler) : IDisposable
    {
        public Action<AuditRecord> Handler { get; } = handler;

        public void Dispose() => log.Written -= Handler;
    }
}
