using System.Net;

namespace Styx.Cluster.Nomad;

/// <summary>
/// A Nomad request failed. The message is one a person can act on, includes Nomad's own plain-text error where there
/// is one, and never contains a token.
/// </summary>
public abstract class NomadException(string message, HttpStatusCode? status, string? nomadMessage, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>The HTTP status, when Nomad answered at all.</summary>
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Nomad's plain-text error body (e.g. <c>Permission denied</c>, <c>job not found</c>).</summary>
    public string? NomadMessage { get; } = nomadMessage;
}

/// <summary>403: the token may not do this (<c>Permission denied</c>, <c>ACL token not found</c>).</summary>
public sealed class NomadPermissionDeniedException(string nomadMessage)
    : NomadException($"Nomad refused: {nomadMessage} (the Nomad token for this role lacks the capability)", HttpStatusCode.Forbidden, nomadMessage);

/// <summary>404: no such job, node, allocation… (<c>job not found</c>).</summary>
public sealed class NomadNotFoundException(string nomadMessage)
    : NomadException($"Nomad: {(nomadMessage.Length > 0 ? nomadMessage : "not found")}", HttpStatusCode.NotFound, nomadMessage);

/// <summary>400: Nomad rejected the request; its text says why.</summary>
public sealed class NomadBadRequestException(string nomadMessage)
    : NomadException($"Nomad rejected the request: {nomadMessage}", HttpStatusCode.BadRequest, nomadMessage);

/// <summary>Nomad could not be reached at all (refused, no route, DNS, TLS).</summary>
public sealed class NomadUnreachableException(Uri address, string reason, Exception? inner)
    : NomadException($"Nomad at {address.GetLeftPart(UriPartial.Authority)} is unreachable ({reason}); check that Nomad is running and NOMAD_ADDR", null, null, inner)
{
    public Uri Address { get; } = address;
}

/// <summary>Nomad did not answer in time.</summary>
public sealed class NomadTimeoutException(Uri address, TimeSpan timeout)
    : NomadException($"Nomad at {address.GetLeftPart(UriPartial.Authority)} did not answer within {timeout.TotalSeconds:0} s", null, null);

/// <summary>Any other failure status (5xx, 405…).</summary>
public sealed class NomadServerException(HttpStatusCode status, string nomadMessage)
    : NomadException($"Nomad failed ({(int)status} {status}): {(nomadMessage.Length > 0 ? nomadMessage : "no details")}", status, nomadMessage);

/// <summary>
/// Nomad (or something between Styx and Nomad) answered 200 with a body that is not the JSON Styx reads: cut short,
/// HTML from a proxy or captive portal, or a field of another type than Nomad documents.
/// </summary>
public sealed class NomadInvalidResponseException(string path, string reason, Exception? inner)
    : NomadException($"Nomad's answer to {path} is not the JSON Styx expects ({reason}); a proxy between Styx and Nomad, or a Nomad version Styx does not know", null, null, inner);
