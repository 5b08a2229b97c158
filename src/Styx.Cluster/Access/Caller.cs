using System.Net;

namespace Styx.Cluster.Access;

/// <summary>
/// Who is asking: the person behind an SSH session, identified by the key whose signature verified.
/// </summary>
/// <param name="User">The display name (the key's comment or the name given with <c>keys add</c>).</param>
/// <param name="KeyFingerprint">The SSH key fingerprint, <c>SHA256:…</c>.</param>
/// <param name="Role">The role the keys file gave that key when the session opened.</param>
/// <param name="SourceAddress">The client's address, for the audit record.</param>
public sealed record Caller(string User, string KeyFingerprint, Role Role, IPAddress? SourceAddress);
