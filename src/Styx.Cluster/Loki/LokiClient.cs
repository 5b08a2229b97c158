using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Styx.Cluster.Net;

namespace Styx.Cluster.Loki;

/// <summary>
/// Loki's HTTP API (cluster-apis.md §2; DESIGN.md §5): query_range, query, labels, label values, series, and the live
/// tail over WebSocket (the other part of this class). Every failure is a <see cref="LokiException"/>; Loki's own
/// plain-text error body is its message. The caller's cancellation stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>
/// Built on an <see cref="HttpClient"/> whose <see cref="HttpClient.BaseAddress"/> is Loki's address; a default
/// <c>X-Scope-OrgID</c> header on it is sent by the tail too. Loki's texts and lines are outside text: callers show
/// them through <c>Text/ControlCharacters</c>.
/// </remarks>
public sealed partial class LokiClient(HttpClient http, TimeProvider time) : IDisposable
{
    /// <summary>Longest error body kept (Loki's are one line; a proxy's HTML page is not).</summary>
    private const int MaxErrorLength = 500;

    private const string TenantHeader = "X-Scope-OrgID";

    private readonly bool _ownsHttp;

    /// <summary>Told of each tail's connect, which goes around the HttpClient's pipeline (a WebSocket of its own).</summary>
    private readonly IUpstreamObserver? _observer;

    /// <summary>A client with its own <see cref="HttpClient"/> for <paramref name="options"/>; dispose it when done.</summary>
    /// <param name="observer">Told of every request sent, the tail's included, by route template (Styx's metrics); null for none.</param>
    public LokiClient(LokiClientOptions options, TimeProvider time, IUpstreamObserver? observer = null)
        : this(Create(options, observer), time)
    {
        _ownsHttp = true;
        _observer = observer;
    }

    public Task<LokiQueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, int limit, LokiDirection direction, TimeSpan? step, CancellationToken ct)
    {
        var path = $"/loki/api/v1/query_range?query={Uri.EscapeDataString(query)}&start={LokiTime.Parameter(start)}&end={LokiTime.Parameter(end)}" +
                   $"&limit={limit.ToString(CultureInfo.InvariantCulture)}&direction={Direction(direction)}" +
                   (step is { } s ? "&step=" + LokiTime.Seconds(s) : "");
        return GetAsync(path, LokiResponseReader.Query, ct);
    }

    public Task<LokiQueryResult> QueryAsync(string query, DateTimeOffset? time, int limit, LokiDirection direction, CancellationToken ct)
    {
        var path = $"/loki/api/v1/query?query={Uri.EscapeDataString(query)}&limit={limit.ToString(CultureInfo.InvariantCulture)}&direction={Direction(direction)}" +
                   (time is { } t ? "&time=" + LokiTime.Parameter(t) : "");
        return GetAsync(path, LokiResponseReader.Query, ct);
    }

    public Task<IReadOnlyList<string>> LabelsAsync(DateTimeOffset? start, DateTimeOffset? end, string? query, CancellationToken ct) =>
        GetAsync("/loki/api/v1/labels" + Range(start, end, query), LokiResponseReader.Strings, ct);

    public Task<IReadOnlyList<string>> LabelValuesAsync(string name, DateTimeOffset? start, DateTimeOffset? end, string? query, CancellationToken ct) =>
        GetAsync($"/loki/api/v1/label/{Uri.EscapeDataString(name)}/values" + Range(start, end, query), LokiResponseReader.Strings, ct);

    /// <summary><c>/loki/api/v1/series</c>, sent as a form POST so long selectors do not hit URL length limits.</summary>
    public async Task<IReadOnlyList<IReadOnlyDictionary<string, string>>> SeriesAsync(IReadOnlyList<string> match, DateTimeOffset? start, DateTimeOffset? end, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(match.Count);
        var form = match.Select(m => new KeyValuePair<string, string>("match[]", m)).ToList();
        if (start is { } s)
        {
            form.Add(new("start", LokiTime.Parameter(s)));
        }

        if (end is { } e)
        {
            form.Add(new("end", LokiTime.Parameter(e)));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/loki/api/v1/series") { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request, LokiResponseReader.Series, ct).ConfigureAwait(false);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            http.Dispose();
        }
    }

    private async Task<T> GetAsync<T>(string path, Func<ReadOnlyMemory<byte>, T> read, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request, read, ct).ConfigureAwait(false);
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, Func<ReadOnlyMemory<byte>, T> read, CancellationToken ct)
    {
        byte[] body;
        int status;
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            status = (int)response.StatusCode;
            body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new LokiException($"Loki at {ConnectionFailure.Where(http.BaseAddress)} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException ex)
        {
            throw new LokiException($"Loki at {ConnectionFailure.Where(http.BaseAddress)} is unreachable ({ConnectionFailure.Describe(ex)}); check that Loki is running and --loki-addr", null, ex);
        }

        if (status is < 200 or > 299)
        {
            throw ErrorFromBody(status, body);
        }

        return read(body);
    }

    /// <summary>Loki's error: the bare text body (cluster-apis.md §2 Errors), cut to a sane length.</summary>
    private static LokiException ErrorFromBody(int status, byte[] body)
    {
        var text = Encoding.UTF8.GetString(body).Trim();
        if (text.Length > MaxErrorLength)
        {
            text = text[..MaxErrorLength] + "…";
        }

        return new LokiException(text.Length > 0 ? text : $"Loki answered {status} without an error text", status);
    }

    private static string Direction(LokiDirection direction) => direction == LokiDirection.Forward ? "forward" : "backward";

    private static string Range(DateTimeOffset? start, DateTimeOffset? end, string? query)
    {
        var parameters = new List<string>();
        if (start is { } s)
        {
            parameters.Add("start=" + LokiTime.Parameter(s));
        }

        if (end is { } e)
        {
            parameters.Add("end=" + LokiTime.Parameter(e));
        }

        if (!string.IsNullOrEmpty(query))
        {
            parameters.Add("query=" + Uri.EscapeDataString(query));
        }

        return parameters.Count > 0 ? "?" + string.Join('&', parameters) : "";
    }

    private static HttpClient Create(LokiClientOptions options, IUpstreamObserver? observer)
    {
        HttpMessageHandler handler = observer is null ? new HttpClientHandler() : new ObservingHandler(LokiRoutes.All, options.Address, observer) { InnerHandler = new HttpClientHandler() };
        var client = new HttpClient(handler) { BaseAddress = options.Address, Timeout = options.RequestTimeout };
        if (!string.IsNullOrEmpty(options.TenantId))
        {
            client.DefaultRequestHeaders.Add(TenantHeader, options.TenantId);
        }

        return client;
    }
}
