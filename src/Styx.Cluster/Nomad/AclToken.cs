namespace Styx.Cluster.Nomad;

/// <summary>
/// An ACL token (<c>GET /v1/acl/token/self</c>). The secret is deliberately not modelled: Styx never needs to read it
/// back, and a record that cannot hold it cannot leak it into a log or a screen.
/// </summary>
public sealed record AclToken
{
    public string AccessorID { get; init; } = "";
    public string Name { get; init; } = "";
    /// <summary><c>client</c> or <c>management</c>.</summary>
    public string Type { get; init; } = "";
    public IReadOnlyList<string>? Policies { get; init; }
    public bool Global { get; init; }
    public DateTimeOffset? CreateTime { get; init; }
    public DateTimeOffset? ExpirationTime { get; init; }
    public ulong CreateIndex { get; init; }
    public ulong ModifyIndex { get; init; }

}
