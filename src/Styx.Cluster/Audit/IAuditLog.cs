namespace Styx.Cluster.Audit;

/// <summary>Where audit records go. Implementations are thread-safe; <see cref="Write"/> never throws.</summary>
public interface IAuditLog
{
    void Write(AuditRecord record);

    /// <summary>The latest records, newest last, for the Activity screen.</summary>
    IReadOnlyList<AuditRecord> Recent(int count);

    /// <summary>Raised after each record is written (on the writer's thread).</summary>
    event Action<AuditRecord>? Written;
}
