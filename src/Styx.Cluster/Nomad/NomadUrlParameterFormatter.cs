using System.Reflection;
using Refit;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Refit's formatting of URL parameters, refusing the dot segments <c>.</c> and <c>..</c>: <see cref="Uri"/> removes
/// them from a path (RFC 3986 §5.2.4), even escaped as <c>%2E%2E</c>, so a job called <c>..</c> would turn
/// <c>/v1/job/../allocations</c> into <c>/v1/allocations</c>, every allocation of the cluster. No such ID can be
/// addressed through Nomad's HTTP API, so the request is refused before it is built.
/// </summary>
internal sealed class NomadUrlParameterFormatter : DefaultUrlParameterFormatter
{
    public override string? Format(object? parameterValue, ICustomAttributeProvider attributeProvider, Type type)
    {
        var text = base.Format(parameterValue, attributeProvider, type);
        return text is null ? null : Addressable(text);
    }

    /// <summary>One escaped path segment for the requests Refit does not build (streams).</summary>
    public static string PathSegment(string value) => Uri.EscapeDataString(Addressable(value));

    private static string Addressable(string text) => text is "." or ".."
        ? throw new NomadBadRequestException($"\"{text}\" cannot be addressed through Nomad's HTTP API (a path would lose it); Styx refuses to send it")
        : text;
}
