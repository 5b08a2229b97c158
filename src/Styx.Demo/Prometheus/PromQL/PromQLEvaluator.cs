namespace Styx.Demo.Prometheus.PromQL;

/// <summary>
/// Evaluates the demo's PromQL subset at one time over a snapshot of series, as Prometheus 2.42's engine does:
/// selectors look back 5 minutes for the latest sample, range selectors take the samples in <c>[t - range, t]</c>, and
/// samples exist only on the scrape grid and not after "now". Functions live in the other part of this class.
/// </summary>
internal sealed partial class PromQLEvaluator(IReadOnlyList<PromSeries> series, long nowMs, long intervalMs)
{
    /// <summary>Prometheus's default <c>--query.lookback-delta</c>.</summary>
    private const long LookbackMs = 5 * 60 * 1000;

    public PromQLValue Evaluate(PromQLExpression expression, long t) => expression switch
    {
        NumberLiteral n => new ScalarValue(n.Value),
        StringLiteral s => new StringValue(s.Value),
        VectorSelector { Range: { } range } selector => new MatrixValue(Range(selector, t - (long)range.TotalMilliseconds, t)),
        VectorSelector selector => Instant(selector, t),
        Negation negation => Negate(Evaluate(negation.Expression, t)),
        Call call => Apply(call, t),
        Aggregation aggregation => Aggregate(aggregation, (VectorValue)Evaluate(aggregation.Expression, t)),
        BinaryOperation binary => Binary(binary.Operator, Evaluate(binary.Left, t), Evaluate(binary.Right, t)),
        _ => throw new InvalidOperationException("unknown expression " + expression),
    };

    private IEnumerable<PromSeries> Select(VectorSelector selector) =>
        series.Where(s => selector.Matchers.All(m => m.Matches(s.Labels[m.Name]))).OrderBy(s => s.Labels.Key, StringComparer.Ordinal);

    private VectorValue Instant(VectorSelector selector, long t)
    {
        var samples = new List<VectorSample>();
        var latest = Math.Min(t, nowMs);
        var grid = Floor(latest);
        foreach (var s in Select(selector))
        {
            if (grid >= s.BornMs && grid > t - LookbackMs)
            {
                samples.Add(new VectorSample(s.Labels, s.Value(DateTimeOffset.FromUnixTimeMilliseconds(grid))));
            }
        }

        return new VectorValue(samples);
    }

    private List<MatrixSeries> Range(VectorSelector selector, long from, long to)
    {
        var result = new List<MatrixSeries>();
        foreach (var s in Select(selector))
        {
            var points = new List<(long, double)>();
            for (var g = Ceiling(Math.Max(from, s.BornMs)); g <= Math.Min(to, nowMs); g += intervalMs)
            {
                points.Add((g, s.Value(DateTimeOffset.FromUnixTimeMilliseconds(g))));
            }

            if (points.Count > 0)
            {
                result.Add(new MatrixSeries(s.Labels, points));
            }
        }

        return result;
    }

    private long Floor(long ms) => ms - ((ms % intervalMs) + intervalMs) % intervalMs;

    private long Ceiling(long ms) => Floor(ms) == ms ? ms : Floor(ms) + intervalMs;

    private static PromQLValue Negate(PromQLValue value) => value switch
    {
        ScalarValue s => new ScalarValue(-s.Value),
        VectorValue v => new VectorValue([.. v.Samples.Select(s => new VectorSample(s.Labels.WithoutName(), -s.Value))]),
        _ => value,
    };

    private static VectorValue Aggregate(Aggregation aggregation, VectorValue input)
    {
        var groups = new Dictionary<string, (PromLabels Labels, List<double> Values)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sample in input.Samples)
        {
            var labels = aggregation.Without
                ? sample.Labels.Without([.. aggregation.Grouping, PromLabels.MetricName])
                : sample.Labels.Only(aggregation.Grouping);
            if (!groups.TryGetValue(labels.Key, out var group))
            {
                group = (labels, []);
                groups[labels.Key] = group;
                order.Add(labels.Key);
            }

            group.Values.Add(sample.Value);
        }

        return new VectorValue([.. order.Select(key =>
        {
            var (labels, values) = groups[key];
            return new VectorSample(labels, aggregation.Operator switch
            {
                "sum" => values.Sum(),
                "avg" => values.Average(),
                "count" => values.Count,
                // Prometheus lets any number replace a NaN in max and min (engine.go aggregation).
                "max" => values.Aggregate((m, v) => m < v || double.IsNaN(m) ? v : m),
                _ => values.Aggregate((m, v) => m > v || double.IsNaN(m) ? v : m),
            });
        })]);
    }

    private static PromQLValue Binary(char op, PromQLValue left, PromQLValue right)
    {
        switch (left, right)
        {
            case (ScalarValue l, ScalarValue r):
                return new ScalarValue(Arithmetic(op, l.Value, r.Value));
            case (VectorValue l, ScalarValue r):
                return new VectorValue([.. l.Samples.Select(s => new VectorSample(s.Labels.WithoutName(), Arithmetic(op, s.Value, r.Value)))]);
            case (ScalarValue l, VectorValue r):
                return new VectorValue([.. r.Samples.Select(s => new VectorSample(s.Labels.WithoutName(), Arithmetic(op, l.Value, s.Value)))]);
            case (VectorValue l, VectorValue r):
                {
                    // One-to-one matching on all labels but the name (engine.go VectorBinop), with its 422 texts.
                    var rights = new Dictionary<string, VectorSample>(StringComparer.Ordinal);
                    foreach (var sample in r.Samples)
                    {
                        var signature = sample.Labels.WithoutName();
                        if (rights.TryGetValue(signature.Key, out var duplicate))
                        {
                            throw PromQLException.Execution($"found duplicate series for the match group {signature} on the right hand-side of the operation: [{sample.Labels}, {duplicate.Labels}]"
                                + ";many-to-many matching not allowed: matching labels must be unique on one side");
                        }

                        rights[signature.Key] = sample;
                    }

                    var matched = new HashSet<string>(StringComparer.Ordinal);
                    var result = new List<VectorSample>();
                    foreach (var sample in l.Samples)
                    {
                        var signature = sample.Labels.WithoutName();
                        if (!rights.TryGetValue(signature.Key, out var other))
                        {
                            continue;
                        }

                        if (!matched.Add(signature.Key))
                        {
                            throw PromQLException.Execution("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                        }

                        result.Add(new VectorSample(signature, Arithmetic(op, sample.Value, other.Value)));
                    }

                    return new VectorValue(result);
                }

            default:
                throw PromQLException.BadData("binary expression must contain only scalar and instant vector types");
        }
    }

    private static double Arithmetic(char op, double left, double right) => op switch
    {
        '+' => left + right,
        '-' => left - right,
        '*' => left * right,
        _ => left / right,
    };
}
