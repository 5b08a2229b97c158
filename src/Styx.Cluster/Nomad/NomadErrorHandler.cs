using System.Net;
using System.Text;
using System.Web;
using Styx.Cluster.Net;

namespace Styx.Cluster.Nomad;

/// <summary>
/// The one place Nomad failures become typed: Nomad answers errors as <c>text/plain</c> with the bare message
/// (cluster-apis.md §1.2), which this handler turns into <see cref="NomadException"/> subclasses before Refit sees
/// them; connection failures become <see cref="NomadUnreachableException"/> and our own per-request deadline
/// <see cref="NomadTimeoutException"/>. The caller's own cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// The deadline is per request and allows for blocking queries: a request with <c>wait=5m</c> may legitimately take
/// five minutes plus Nomad's jitter of up to wait/16.
/// </remarks>
public sealed class NomadErrorHandler(Uri address, TimeSpan requestTimeout) : DelegatingHandler
{
    /// <summary>Longest plain-text error body kept (Nomad's are one line; a proxy's HTML page is not).</summary>
    private const int MaxErrorLength = 500;

    /// <summary>
    /// Set on requests whose body is read as it arrives (the event stream, allocation logs): those are not buffered
    /// and have no deadline beyond the headers.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> Streaming = new("Styx.Nomad.Streaming");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = requestTimeout + BlockingWait(request.RequestUri) * 17 / 16;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NomadTimeoutException(address, timeout);
        }
        catch (HttpRequestException ex)
        {
            throw new NomadUnreachableException(address, ConnectionFailure.Describe(ex), ex);
        }

        if (response.IsSuccessStatusCode)
        {
            if (request.Options.TryGetValue(Streaming, out var streaming) && streaming)
            {
                return response;
            }

            // Read the whole body here, under the same deadline and error mapping: a body that stalls or a connection
            // dropped half way must end as a typed NomadException, not hang a watcher or surface as a raw IOException.
            try
            {
                await response.Content.LoadIntoBufferAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                throw new NomadTimeoutException(address, timeout);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                response.Dispose();
                throw new NomadUnreachableException(address, "connection lost in the middle of an answer", ex);
            }

            return response;
        }

        using (response)
        {
            string body;
            try
            {
                body = await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                body = "";
            }

            body = Clean(body);
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                throw new NomadServerException(response.StatusCode,
                    $"redirected to {response.Headers.Location?.GetLeftPart(UriPartial.Path) ?? "nowhere"}; Styx does not follow redirects (the Nomad token would go along): set NOMAD_ADDR to the address Nomad answers on");
            }

            throw response.StatusCode switch
            {
                HttpStatusCode.Forbidden => new NomadPermissionDeniedException(body.Length > 0 ? body : "Permission denied"),
                HttpStatusCode.NotFound => new NomadNotFoundException(body),
                HttpStatusCode.BadRequest => new NomadBadRequestException(body),
                _ => new NomadServerException(response.StatusCode, body),
            };
        }
    }

    private static TimeSpan BlockingWait(Uri? uri)
    {
        if (uri is null || uri.Query.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var wait = HttpUtility.ParseQueryString(uri.Query)["wait"];
        if (wait is null || wait.Length < 2)
        {
            return TimeSpan.Zero;
        }

        // Nomad durations as Styx sends them: "<n>s" or "<n>m"; Nomad caps the wait at 10 minutes.
        var unit = wait[^1] switch { 's' => 1, 'm' => 60, _ => 0 };
        return unit > 0 && int.TryParse(wait[..^1], System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? TimeSpan.FromSeconds(Math.Min(n * unit, 600))
            : TimeSpan.Zero;
    }

    private static string Clean(string body)
    {
        var text = new StringBuilder(body.Trim());
        if (text.Length > MaxErrorLength)
        {
            text.Length = MaxErrorLength;
            text.Append('…');
        }

        return text.Replace('\n', ' ').Replace('\r', ' ').ToString();
    }
}
