namespace Styx.Cluster.Audit;

/// <summary>How an audited command ended.</summary>
public enum AuditOutcome
{
    /// <summary>Nomad accepted the change.</summary>
    Succeeded,

    /// <summary>Styx refused it before any request: the caller's role does not allow it.</summary>
    Refused,

    /// <summary>It was invalid (unknown job, bad count, …) and nothing was sent, or Nomad refused or failed it.</summary>
    Failed,
}
