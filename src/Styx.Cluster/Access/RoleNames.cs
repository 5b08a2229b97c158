using System.Diagnostics.CodeAnalysis;

namespace Styx.Cluster.Access;

/// <summary>The spelling of roles in the keys file, configuration and output: <c>viewer</c>, <c>operator</c>, <c>admin</c>.</summary>
public static class RoleNames
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Admin = "admin";

    public static string ToName(this Role role) => role switch
    {
        Role.Viewer => Viewer,
        Role.Operator => Operator,
        Role.Admin => Admin,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "not a Styx role"),
    };

    /// <summary>Parses a role name, case-insensitively. Returns false for anything else.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Role? role)
    {
        role = text?.Trim().ToLowerInvariant() switch
        {
            Viewer => Role.Viewer,
            Operator => Role.Operator,
            Admin => Role.Admin,
            _ => null,
        };
        return role is not null;
    }
}
