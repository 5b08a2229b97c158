namespace Styx.Cluster.Prometheus;

/// <summary>
/// The answer to <c>/api/v1/query</c> or <c>/api/v1/query_range</c> (cluster-apis.md §3). <see cref="ResultType"/> is
/// Prometheus's own word (<see cref="PrometheusResultType"/>) and says which member holds the data: <c>vector</c> and <c>matrix</c> fill
/// <see cref="Series"/>, <c>scalar</c> fills <see cref="Scalar"/>, <c>string</c> fills <see cref="String"/>.
/// </summary>
/// <param name="Warnings">Prometheus's <c>warnings</c> (partial results from storage or remote read), kept as sent.</param>
/// <param name="Infos">The <c>infos</c> annotations newer Prometheus versions add (2.42 sends none).</param>
/// <param name="RawJson">The body exactly as Prometheus sent it, for <c>ssh styx metrics --json</c>.</param>
public sealed record PrometheusResult(
    string ResultType,
    IReadOnlyList<PrometheusSeries> Series,
    PrometheusSample? Scalar,
    string? String,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<string> Infos,
    string RawJson);
