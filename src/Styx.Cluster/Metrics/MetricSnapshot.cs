using Styx.Cluster.Prometheus;

namespace Styx.Cluster.Metrics;

/// <summary>
/// The latest answer of one shared query (immutable). <see cref="Result"/> is null while none has arrived;
/// <see cref="Error"/> is Prometheus's own text (<see cref="PrometheusException"/>'s message) or an "unreachable" note;
/// <see cref="Stale"/> when the last refresh failed but an older <see cref="Result"/> is kept. Prometheus's texts and
/// labels are outside text: show them through <c>Text/ControlCharacters</c>.
/// </summary>
public sealed record MetricSnapshot(string PromQL, MetricRange? Range, PrometheusResult? Result, string? Error, bool Stale, DateTimeOffset? UpdatedAt);
