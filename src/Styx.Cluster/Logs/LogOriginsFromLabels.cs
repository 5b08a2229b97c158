using System.Collections.Concurrent;
using Styx.Cluster.Loki;

namespace Styx.Cluster.Logs;

/// <summary>
/// Turns a Loki stream's labels into the <see cref="LogOrigin"/> its lines carry, with the label names of the
/// deployment's Promtail job (<see cref="LokiLabelNames"/>). One origin per stream, shared by its lines.
/// </summary>
public sealed class LogOriginsFromLabels(LokiLabelNames names)
{
    private readonly ConcurrentDictionary<(string, string, string, string, string, string), LogOrigin> _origins = new();

    public LokiLabelNames Names { get; } = names;

    public LogOrigin For(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var key = (Label(Names.Namespace), Label(Names.Job), Label(Names.Allocation), Label(Names.Task), Label(Names.Stream), Label(Names.Node));
        if (_origins.TryGetValue(key, out var origin))
        {
            return origin;
        }

        // Bounded: a query over many streams must not grow this without end.
        if (_origins.Count > 10_000)
        {
            _origins.Clear();
        }

        return _origins.GetOrAdd(key, k => new LogOrigin(k.Item1, k.Item2, k.Item3, "", k.Item4, k.Item5 == "stderr" ? LogStream.Stderr : LogStream.Stdout, k.Item6));

        string Label(string name) => labels.TryGetValue(name, out var value) ? value : "";
    }

    /// <summary>The LogQL query for <paramref name="target"/>: its stream selector, e.g. <c>{namespace="default", job="web", stream="stdout"}</c>.</summary>
    public LogQuery Query(LogTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var matchers = new List<LabelMatcher> { new(Names.Namespace, "=", target.Namespace), new(Names.Job, "=", target.JobId) };
        if (target.Group is { } group)
        {
            matchers.Add(new(Names.Group, "=", group));
        }

        if (target.Task is { } task)
        {
            matchers.Add(new(Names.Task, "=", task));
        }

        if (target.AllocationId is { } allocation)
        {
            matchers.Add(new(Names.Allocation, "=", allocation));
        }

        matchers.Add(new(Names.Stream, "=", target.Stream == LogStream.Stderr ? "stderr" : "stdout"));
        return new LogQuery { Selector = matchers };
    }
}
