namespace Styx.Cluster.Access;

/// <summary>
/// What a person may do in Styx (DESIGN.md §5). Each role includes everything of the roles before it.
/// </summary>
public enum Role
{
    /// <summary>Reads everything, changes nothing. The role of a key with no <c>role=</c> option.</summary>
    Viewer = 0,

    /// <summary>Viewer, plus job and allocation lifecycle and scaling.</summary>
    Operator = 1,

    /// <summary>Operator, plus purge, node drain and eligibility, and platform services.</summary>
    Admin = 2,
}
