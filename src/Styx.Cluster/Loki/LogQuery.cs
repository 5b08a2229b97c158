using System.Text;

namespace Styx.Cluster.Loki;

/// <summary>
/// A LogQL log query as the Logs screen's builder holds it: a stream selector, line filters and an optional
/// <c>| json</c>. It round-trips with text (<see cref="ToLogQL"/>, <see cref="TryParse"/>), so builder fields and query
/// text stay in sync as in Grafana's Explore; text the builder cannot hold does not parse, and the screen then keeps the
/// text and disables the builder.
/// </summary>
public sealed record LogQuery
{
    public IReadOnlyList<LabelMatcher> Selector { get; init; } = [];

    /// <summary>Line filters in order (before <c>| json</c>).</summary>
    public IReadOnlyList<LineFilter> Filters { get; init; } = [];

    /// <summary>Whether <c>| json</c> ends the pipeline, turning JSON fields into labels.</summary>
    public bool Json { get; init; }

    /// <summary>The query text, e.g. <c>{job="web", stream="stderr"} |= "timeout" | json</c>.</summary>
    public string ToLogQL()
    {
        var text = new StringBuilder("{").AppendJoin(", ", Selector).Append('}');
        foreach (var filter in Filters)
        {
            text.Append(' ').Append(filter);
        }

        return Json ? text.Append(" | json").ToString() : text.ToString();
    }

    /// <summary>
    /// Reads text of the form <see cref="ToLogQL"/> writes (whitespace may vary). Anything else gives false and an
    /// error naming the column and what was expected.
    /// </summary>
    public static bool TryParse(string text, out LogQuery? query, out string? error)
    {
        var parsed = LogQueryParser.Parse(text, out error);
        query = parsed;
        return parsed is not null;
    }

    public bool Equals(LogQuery? other) =>
        other is not null && Json == other.Json && Selector.SequenceEqual(other.Selector) && Filters.SequenceEqual(other.Filters);

    public override int GetHashCode() => HashCode.Combine(Json, Selector.Count, Filters.Count);

    public override string ToString() => ToLogQL();
}
