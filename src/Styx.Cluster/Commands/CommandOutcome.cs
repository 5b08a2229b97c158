namespace Styx.Cluster.Commands;

/// <summary>How a cluster command ended; one-shot commands map these to exit statuses (DESIGN.md §6).</summary>
public enum CommandOutcome
{
    Succeeded,

    /// <summary>The caller's role does not allow it (Styx refused, or Nomad's ACL refused the role's token).</summary>
    Refused,

    /// <summary>An argument was wrong: a count that is not a number, outside the group's scaling bounds, ...</summary>
    Invalid,

    /// <summary>The job, group, allocation, node or service does not exist.</summary>
    NotFound,

    /// <summary>Nomad failed or could not be reached.</summary>
    Failed,
}
