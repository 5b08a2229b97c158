using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Styx.Demo.Prometheus.PromQL;

namespace Styx.Demo.Prometheus;

/// <summary>
/// Request parameters as Prometheus's API reads them (<c>r.FormValue</c>: a POSTed form wins over the URL query), with
/// its 400 <c>bad_data</c> texts (cluster-apis.md §3, fixtures/prometheus/samples/error-*.json).
/// </summary>
internal sealed class PrometheusParameters
{
    private readonly IQueryCollection _query;
    private readonly IFormCollection? _form;

    private PrometheusParameters(IQueryCollection query, IFormCollection? form)
    {
        _query = query;
        _form = form;
    }

    public static async Task<PrometheusParameters> ReadAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        return new PrometheusParameters(context.Request.Query, form);
    }

    public string this[string name] => _form is not null && _form.TryGetValue(name, out var posted) ? posted.ToString() : _query[name].ToString();

    /// <summary>Every value of a repeated parameter such as <c>match[]</c>, from the form and the URL.</summary>
    public IReadOnlyList<string> All(string name) =>
        [.. (_form is not null ? _form[name] : StringValues.Empty).Concat(_query[name]).OfType<string>()];

    public bool Has(string name) => _form?.ContainsKey(name) == true || _query.ContainsKey(name);

    /// <summary>The instant query's <c>time</c> (parseTimeParam): absent means now.</summary>
    public long InstantTime(long nowMs)
    {
        var text = this["time"];
        if (text.Length == 0)
        {
            return nowMs;
        }

        return PromNumber.ParseTime(text)
            ?? throw PromQLException.BadData($"invalid parameter \"time\": Invalid time value for 'time': cannot parse \"{text}\" to a valid timestamp");
    }

    /// <summary>query_range's <c>start</c> and <c>end</c>, both required.</summary>
    public long RangeTime(string name) =>
        PromNumber.ParseTime(this[name]) ?? throw PromQLException.BadData($"invalid parameter \"{name}\": cannot parse \"{this[name]}\" to a valid timestamp");

    public TimeSpan Duration(string name) =>
        PromNumber.ParseDurationParameter(this[name]) ?? throw PromQLException.BadData($"invalid parameter \"{name}\": cannot parse \"{this[name]}\" to a valid duration");

    /// <summary>Checks <c>timeout</c> when given; the demo answers well within any.</summary>
    public void CheckTimeout()
    {
        if (Has("timeout"))
        {
            Duration("timeout");
        }
    }
}
