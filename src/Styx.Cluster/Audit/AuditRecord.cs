using System.Collections.Immutable;

namespace Styx.Cluster.Audit;

/// <summary>
/// One line of the audit log: who did (or tried) what, to what, and how it ended. Written for every command from the
/// UI or an exec command, allowed, refused or failed, and for sessions opening and closing.
/// </summary>
public sealed record AuditRecord(
    DateTimeOffset Time,
    string User,
    string KeyFingerprint,
    string Role,
    string? SourceAddress,
    string Action,
    string Target,
    ImmutableDictionary<string, string> Arguments,
    AuditOutcome Outcome,
    string? Error);
