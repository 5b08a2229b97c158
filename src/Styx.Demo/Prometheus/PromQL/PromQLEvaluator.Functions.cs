using System.Globalization;

namespace Styx.Demo.Prometheus.PromQL;

/// <summary>The functions of the subset, with Prometheus 2.42's arithmetic (<c>promql/functions.go</c>, <c>quantile.go</c>).</summary>
internal sealed partial class PromQLEvaluator
{
    private PromQLValue Apply(Call call, long t)
    {
        switch (call.Function)
        {
            case "rate" or "increase" or "irate":
                {
                    var selector = (VectorSelector)call.Arguments[0];
                    var rangeMs = (long)selector.Range!.Value.TotalMilliseconds;
                    var output = new List<VectorSample>();
                    foreach (var s in Range(selector, t - rangeMs, t))
                    {
                        var value = call.Function == "irate" ? InstantRate(s.Points) : ExtrapolatedRate(s.Points, t - rangeMs, t, call.Function == "rate");
                        if (value is { } v)
                        {
                            output.Add(new VectorSample(s.Labels.WithoutName(), v));
                        }
                    }

                    return new VectorValue(output);
                }

            case "scalar":
                {
                    var vector = (VectorValue)Evaluate(call.Arguments[0], t);
                    return new ScalarValue(vector.Samples.Count == 1 ? vector.Samples[0].Value : double.NaN);
                }

            case "vector":
                return new VectorValue([new VectorSample(PromLabels.Empty, ((ScalarValue)Evaluate(call.Arguments[0], t)).Value)]);
            default:
                return HistogramQuantile(((ScalarValue)Evaluate(call.Arguments[0], t)).Value, (VectorValue)Evaluate(call.Arguments[1], t));
        }
    }

    /// <summary>rate and increase: the change over the samples, counter resets added, extrapolated towards the range's edges.</summary>
    private static double? ExtrapolatedRate(IReadOnlyList<(long Time, double Value)> points, long rangeStart, long rangeEnd, bool isRate)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var (firstT, firstV) = points[0];
        var (lastT, lastV) = points[^1];
        var result = lastV - firstV;
        for (var i = 1; i < points.Count; i++)
        {
            if (points[i].Value < points[i - 1].Value)
            {
                result += points[i - 1].Value;
            }
        }

        var durationToStart = (firstT - rangeStart) / 1000.0;
        var durationToEnd = (rangeEnd - lastT) / 1000.0;
        var sampledInterval = (lastT - firstT) / 1000.0;
        var averageBetweenSamples = sampledInterval / (points.Count - 1);
        if (result > 0 && firstV >= 0)
        {
            var durationToZero = sampledInterval * (firstV / result);
            durationToStart = Math.Min(durationToStart, durationToZero);
        }

        var threshold = averageBetweenSamples * 1.1;
        var extrapolateTo = sampledInterval;
        extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
        extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
        result *= extrapolateTo / sampledInterval;
        return isRate ? result / ((rangeEnd - rangeStart) / 1000.0) : result;
    }

    /// <summary>irate: the per-second change between the last two samples; a drop is a counter reset.</summary>
    private static double? InstantRate(IReadOnlyList<(long Time, double Value)> points)
    {
        if (points.Count < 2)
        {
            return null;
        }

        var (lastT, lastV) = points[^1];
        var (previousT, previousV) = points[^2];
        var change = lastV < previousV ? lastV : lastV - previousV;
        return lastT == previousT ? null : change / ((lastT - previousT) / 1000.0);
    }

    /// <summary>histogram_quantile over classic buckets, grouped by every label but <c>le</c> (quantile.go bucketQuantile).</summary>
    private static VectorValue HistogramQuantile(double q, VectorValue input)
    {
        var groups = new Dictionary<string, (PromLabels Labels, List<(double Upper, double Count)> Buckets)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var sample in input.Samples)
        {
            var le = sample.Labels["le"];
            if (!double.TryParse(le.Replace("+Inf", "Infinity", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var upper))
            {
                continue;
            }

            var labels = sample.Labels.Without(["le", PromLabels.MetricName]);
            if (!groups.TryGetValue(labels.Key, out var group))
            {
                group = (labels, []);
                groups[labels.Key] = group;
                order.Add(labels.Key);
            }

            group.Buckets.Add((upper, sample.Value));
        }

        return new VectorValue([.. order.Select(key => new VectorSample(groups[key].Labels, BucketQuantile(q, groups[key].Buckets)))]);
    }

    private static double BucketQuantile(double q, List<(double Upper, double Count)> unsorted)
    {
        if (double.IsNaN(q))
        {
            return double.NaN;
        }

        if (q < 0)
        {
            return double.NegativeInfinity;
        }

        if (q > 1)
        {
            return double.PositiveInfinity;
        }

        // Sort, merge equal bounds, then force counts monotonic as Prometheus does.
        var buckets = unsorted.GroupBy(b => b.Upper).Select(g => (Upper: g.Key, Count: g.Sum(b => b.Count))).OrderBy(b => b.Upper).ToList();
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].Upper))
        {
            return double.NaN;
        }

        for (var i = 1; i < buckets.Count; i++)
        {
            if (buckets[i].Count < buckets[i - 1].Count)
            {
                buckets[i] = (buckets[i].Upper, buckets[i - 1].Count);
            }
        }

        if (buckets.Count < 2)
        {
            return double.NaN;
        }

        var observations = buckets[^1].Count;
        if (observations == 0)
        {
            return double.NaN;
        }

        var rank = q * observations;
        var b = 0;
        while (b < buckets.Count - 1 && buckets[b].Count < rank)
        {
            b++;
        }

        if (b == buckets.Count - 1)
        {
            return buckets[^2].Upper;
        }

        if (b == 0 && buckets[0].Upper <= 0)
        {
            return buckets[0].Upper;
        }

        double start = 0;
        var end = buckets[b].Upper;
        var count = buckets[b].Count;
        if (b > 0)
        {
            start = buckets[b - 1].Upper;
            count -= buckets[b - 1].Count;
            rank -= buckets[b - 1].Count;
        }

        return start + (end - start) * (rank / count);
    }
}
