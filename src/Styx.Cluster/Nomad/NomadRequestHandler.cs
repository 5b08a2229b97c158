using System.Web;

namespace Styx.Cluster.Nomad;

/// <summary>
/// Adds what every Nomad request carries: the <c>X-Nomad-Token</c> header (cluster-apis.md §1.1; never a query
/// parameter, so it cannot end up in an access log), and the configured <c>namespace</c> and <c>region</c>.
/// </summary>
public sealed class NomadRequestHandler(string? token, string? nomadNamespace, string? region) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (token is not null)
        {
            request.Headers.Remove("X-Nomad-Token");
            request.Headers.TryAddWithoutValidation("X-Nomad-Token", token);
        }

        if ((nomadNamespace ?? region) is not null && request.RequestUri is { } uri)
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            if (nomadNamespace is not null && query["namespace"] is null)
            {
                query["namespace"] = nomadNamespace;
            }

            if (region is not null && query["region"] is null)
            {
                query["region"] = region;
            }

            request.RequestUri = new UriBuilder(uri) { Query = query.ToString() }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
