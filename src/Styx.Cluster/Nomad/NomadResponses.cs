using System.Globalization;
using Refit;

namespace Styx.Cluster.Nomad;

/// <summary>Reading Nomad's meta headers off a Refit response.</summary>
public static class NomadResponses
{
    /// <summary><c>X-Nomad-Index</c>: the Raft index to pass as <c>index</c> in the next blocking query (0 if absent).</summary>
    public static ulong NomadIndex(this IApiResponse response) =>
        response.Headers is { } headers && headers.TryGetValues("X-Nomad-Index", out var values) &&
        ulong.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : 0;

    /// <summary>The body of a successful response. Failures never get here: <see cref="NomadErrorHandler"/> throws first.</summary>
    public static T Body<T>(this IApiResponse<T> response)
    {
        if (response.Error is { } error)
        {
            // Refit keeps failures of IApiResponse methods in Error rather than throwing; surface the typed one.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error.InnerException as NomadException ?? (Exception)error);
        }

        // Refit keeps only its own exception type in Error, so a body that did not deserialize (NomadClient's
        // DeserializationExceptionFactory) is found where that factory left it, on the request.
        if (response.RequestMessage?.Options.TryGetValue(InvalidBody, out var invalid) == true)
        {
            throw invalid;
        }

        return response.Content ?? throw new NomadServerException(response.StatusCode ?? System.Net.HttpStatusCode.InternalServerError, "Nomad answered with an empty body");
    }

    /// <summary>Where a response whose body did not deserialize keeps its typed failure for <see cref="Body{T}"/>.</summary>
    internal static readonly HttpRequestOptionsKey<NomadInvalidResponseException> InvalidBody = new("Styx.Nomad.InvalidBody");

    /// <summary>A blocking wait as Nomad writes it (<c>"30s"</c>).</summary>
    public static string WaitText(TimeSpan wait) => ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
}
