using System.Collections.Immutable;

namespace Styx.Cluster.Net;

/// <summary>
/// The route templates of one upstream API, to name a request's endpoint in metrics without its IDs: a template is a
/// path whose <c>:name</c> segments match any one segment (<c>/v1/job/:job_id/allocations</c>). A path no template
/// matches is <see cref="Other"/>, so whatever a request carries, the set of endpoints stays the templates plus one.
/// </summary>
public sealed class UpstreamRoutes
{
    /// <summary>The endpoint of a request no template matches.</summary>
    public const string Other = "other";

    private readonly ImmutableArray<(string Template, string[] Segments)> _templates;

    /// <param name="upstream">The upstream's name in metrics: <c>nomad</c>, <c>loki</c> or <c>prometheus</c>.</param>
    /// <param name="templates">Absolute paths; the first that matches wins.</param>
    public UpstreamRoutes(string upstream, params string[] templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        Upstream = upstream;
        _templates = [.. templates.Select(t => (t, Segments(t)))];
    }

    public string Upstream { get; }

    public IEnumerable<string> Templates => _templates.Select(t => t.Template);

    /// <summary>The template matching <paramref name="path"/> (an absolute path; any query is ignored), or <see cref="Other"/>.</summary>
    public string Endpoint(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var segments = Segments(query >= 0 ? path[..query] : path);
        foreach (var (template, pattern) in _templates)
        {
            if (Matches(pattern, segments))
            {
                return template;
            }
        }

        return Other;
    }

    /// <summary>The endpoint of a request sent to a client whose base address is <paramref name="baseAddress"/>: the
    /// part of the path after the base address's own path (Nomad behind a proxy under <c>/nomad/</c>, say).</summary>
    public string Endpoint(Uri? requestUri, Uri? baseAddress)
    {
        if (requestUri is null || !requestUri.IsAbsoluteUri)
        {
            return Other;
        }

        var path = requestUri.AbsolutePath;
        var prefix = baseAddress?.AbsolutePath.TrimEnd('/') ?? "";
        if (prefix.Length > 0 && path.StartsWith(prefix + "/", StringComparison.Ordinal))
        {
            path = path[prefix.Length..];
        }

        return Endpoint(path);
    }

    private static bool Matches(string[] pattern, string[] segments)
    {
        if (pattern.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            var parameter = pattern[i].StartsWith(':');
            if (parameter ? segments[i].Length == 0 : !string.Equals(pattern[i], segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string[] Segments(string path) => path.Trim('/').Split('/');
}
