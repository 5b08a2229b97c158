namespace Styx.Cluster.Net;

/// <summary>
/// The innermost step of a cluster client's HTTP pipeline: tells an <see cref="IUpstreamObserver"/> how each request
/// sent on the wire ended, named by its route template. A request retried by a caller counts once per try.
/// </summary>
public sealed class ObservingHandler(UpstreamRoutes routes, Uri? baseAddress, IUpstreamObserver observer) : DelegatingHandler
{
    /// <summary>The status of a request that got no answer: refused, reset, TLS failure, a body cut off.</summary>
    public const string Error = "error";

    /// <summary>The status of a request Styx stopped waiting for: its deadline ran out, or the reader went away.</summary>
    public const string Cancelled = "cancelled";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var endpoint = routes.Endpoint(request.RequestUri, baseAddress);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            observer.OnRequest(routes.Upstream, endpoint, Cancelled);
            throw;
        }
        catch (Exception)
        {
            observer.OnRequest(routes.Upstream, endpoint, Error);
            throw;
        }

        observer.OnRequest(routes.Upstream, endpoint, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return response;
    }
}
