using Styx.Cluster.Net;

namespace Styx.Cluster.Prometheus;

/// <summary>
/// Prometheus's HTTP API (cluster-apis.md §3; DESIGN.md §5): instant and range queries, label names, label values and
/// series. Every failure is a <see cref="PrometheusException"/>: Prometheus's own <c>errorType</c>/<c>error</c> when it
/// sent them, <see cref="PrometheusException.Unreachable"/> when it did not answer. The caller's cancellation stays an
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Built on an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is Prometheus's address. Each request
/// is bounded by the HttpClient's <see cref="HttpClient.Timeout"/> measured on <paramref name="time"/> (the owned client's
/// comes from <see cref="PrometheusClientOptions.RequestTimeout"/>). Requests are GETs: the catalog's queries are short,
/// and a GET is what every Prometheus-compatible server (Styx.Demo's included) answers. Label values and texts are
/// outside text: callers show them through <c>Text/ControlCharacters</c>.
/// </remarks>
public sealed class PrometheusClient(HttpClient http, TimeProvider time) : IDisposable
{
    private readonly TimeSpan _requestTimeout = http.Timeout;
    private readonly bool _ownsHttp;

    /// <summary>A client with its own <see cref="HttpClient"/> for <paramref name="options"/>; dispose it when done.</summary>
    /// <param name="observer">Told of every request sent, by route template (Styx's metrics); null for none.</param>
    public PrometheusClient(PrometheusClientOptions options, TimeProvider time, IUpstreamObserver? observer = null)
        : this(Create(options, observer), time)
    {
        _requestTimeout = options.RequestTimeout;
        _ownsHttp = true;
    }

    /// <summary><c>/api/v1/query</c>; without <paramref name="time"/> Prometheus evaluates at its own now.</summary>
    public Task<PrometheusResult> QueryAsync(string query, DateTimeOffset? time, CancellationToken ct)
    {
        var parameters = new List<(string, string)> { ("query", query) };
        if (time is { } t)
        {
            parameters.Add(("time", PrometheusTime.Parameter(t)));
        }

        return GetAsync("/api/v1/query", parameters, PrometheusResponseReader.Query, ct);
    }

    /// <summary><c>/api/v1/query_range</c>: a matrix with a point every <paramref name="step"/> (at most 11,000 per series, or Prometheus answers bad_data).</summary>
    public Task<PrometheusResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken ct) =>
        GetAsync(
            "/api/v1/query_range",
            [("query", query), ("start", PrometheusTime.Parameter(start)), ("end", PrometheusTime.Parameter(end)), ("step", PrometheusTime.Seconds(step))],
            PrometheusResponseReader.Query,
            ct);

    /// <summary><c>/api/v1/labels</c>: label names, of the series matching any of <paramref name="match"/> when given.</summary>
    public Task<IReadOnlyList<string>> LabelsAsync(IReadOnlyList<string>? match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken ct) =>
        GetAsync("/api/v1/labels", Selection(match, start, end), PrometheusResponseReader.Strings, ct);

    /// <summary><c>/api/v1/label/&lt;name&gt;/values</c>.</summary>
    public Task<IReadOnlyList<string>> LabelValuesAsync(string name, IReadOnlyList<string>? match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken ct) =>
        GetAsync($"/api/v1/label/{Uri.EscapeDataString(name)}/values", Selection(match, start, end), PrometheusResponseReader.Strings, ct);

    /// <summary><c>/api/v1/series</c>: the label sets of the series matching any of <paramref name="match"/> (at least one; Prometheus requires it).</summary>
    public Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(match.Count);
        return GetAsync("/api/v1/series", Selection(match, start, end), PrometheusResponseReader.Series, ct);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<T> GetAsync<T>(string path, List<(string Name, string Value)> parameters, Func<int, ReadOnlyMemory<byte>, T> read, CancellationToken ct)
    {
        var query = string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Get, query.Length > 0 ? path + "?" + query : path);
        using var timeout = _requestTimeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(_requestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        byte[] body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!ct.IsCancellationRequested)
        {
            // Either this client's timeout or the HttpClient's own: both mean Prometheus did not answer in time.
            throw new PrometheusException($"Prometheus at {ConnectionFailure.Where(http.BaseAddress)} did not answer within {_requestTimeout.TotalSeconds:0.#} s", unreachable: true, inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new PrometheusException($"Prometheus at {ConnectionFailure.Where(http.BaseAddress)} is unreachable ({ConnectionFailure.Describe(ex)}); check that Prometheus is running and --prometheus-addr", unreachable: true, inner: ex);
        }

        return read(status, body);
    }

    private static List<(string, string)> Selection(IReadOnlyList<string>? match, DateTimeOffset? start, DateTimeOffset? end)
    {
        var parameters = (match ?? []).Select(m => ("match[]", m)).ToList();
        if (start is { } s)
        {
            parameters.Add(("start", PrometheusTime.Parameter(s)));
        }

        if (end is { } e)
        {
            parameters.Add(("end", PrometheusTime.Parameter(e)));
        }

        return parameters;
    }

    /// <summary>The timeout is this client's (on its <see cref="TimeProvider"/>), so the HttpClient's own is off.</summary>
    private static HttpClient Create(PrometheusClientOptions options, IUpstreamObserver? observer) =>
        new(observer is null ? new HttpClientHandler() : new ObservingHandler(PrometheusRoutes.All, options.Address, observer) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = options.Address,
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
