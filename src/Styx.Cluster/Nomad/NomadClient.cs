using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Refit;
using Styx.Cluster.Net;

namespace Styx.Cluster.Nomad;

/// <summary>
/// One connection to Nomad with one token: the Refit <see cref="Api"/> and the <see cref="Streams"/>, over one
/// HttpClient. Styx makes one per role token (DESIGN.md §5), so a viewer's requests can only ever carry the viewer's
/// token. Nothing here is shared between instances.
/// </summary>
public sealed class NomadClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="transport">The handler that sends requests (tests); null builds one from <paramref name="options"/>.</param>
    /// <param name="observer">Told of every request sent, by route template (Styx's metrics); null for none.</param>
    public NomadClient(NomadClientOptions options, HttpMessageHandler? transport = null, IUpstreamObserver? observer = null)
    {
        Options = options;
        var wire = transport ?? CreateTransport(options);
        var pipeline = new NomadRequestHandler(options.Token, options.Namespace, options.Region)
        {
            InnerHandler = new NomadErrorHandler(options.Address, options.RequestTimeout)
            {
                InnerHandler = observer is null ? wire : new ObservingHandler(NomadRoutes.All, options.Address, observer) { InnerHandler = wire },
            },
        };
        _http = new HttpClient(pipeline) { BaseAddress = options.Address, Timeout = Timeout.InfiniteTimeSpan };
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(NomadJson.Options))
        {
            // NomadErrorHandler already turned the failure into a typed NomadException: let it through unwrapped.
            TransportExceptionFactory = (_, exception, _) => exception,

            // The body is already buffered (NomadErrorHandler), so a failure here is the body itself: not JSON, or not
            // the JSON the types say. A typed NomadException, so every caller that handles Nomad's failures handles it:
            // thrown as is by methods that return the body; kept on the request for IApiResponse methods, whose Error
            // Refit fills only with its own type (NomadResponses.Body finds it there).
            DeserializationExceptionFactory = (response, exception) =>
            {
                var invalid = InvalidResponse(response, exception);
                response.RequestMessage?.Options.Set(NomadResponses.InvalidBody, invalid);
                return ValueTask.FromResult<Exception?>(invalid);
            },
            UrlParameterFormatter = new NomadUrlParameterFormatter(),
        };
        Api = RestService.For<INomadApi>(_http, settings);
        Streams = new NomadStreams(_http);
    }

    public NomadClientOptions Options { get; }

    public INomadApi Api { get; }

    public NomadStreams Streams { get; }

    private static NomadInvalidResponseException InvalidResponse(HttpResponseMessage response, Exception exception) =>
        new(response.RequestMessage?.RequestUri?.AbsolutePath ?? "a request", exception switch
        {
            System.Text.Json.JsonException json => json.Message.Split(" Path:")[0].TrimEnd('.', ' ') + (json.Path is { } at ? " at " + at : ""),
            _ => exception.GetType().Name,
        }, exception);

    private static SocketsHttpHandler CreateTransport(NomadClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
            // Blocking queries hold a connection each; ClusterState runs a handful of watches at once.
            MaxConnectionsPerServer = 32,

            // A redirect would carry X-Nomad-Token to wherever it points (HttpClient drops only Authorization on a
            // redirect, not custom headers). NomadErrorHandler reports a 3xx with its target instead.
            AllowAutoRedirect = false,
        };

        if (options.Address.Scheme != Uri.UriSchemeHttps)
        {
            return handler;
        }

        var ssl = new SslClientAuthenticationOptions();
        if (options.ClientCertPath is not null && options.ClientKeyPath is not null)
        {
            ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(options.ClientCertPath, options.ClientKeyPath)];
        }

        if (options.SkipVerify)
        {
            ssl.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }
        else if (options.CaCertPath is not null)
        {
            var ca = new X509Certificate2Collection();
            ca.ImportFromPemFile(options.CaCertPath);
            ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is null)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                var valid = chain.Build(new X509Certificate2(certificate));
                return valid && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
            };
        }

        handler.SslOptions = ssl;
        return handler;
    }

    public void Dispose() => _http.Dispose();
}
