using Styx.Cluster.Loki;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// The Logs screen's LogQL line in Loki mode, Grafana Explore style: the builder (<see cref="Query"/>) and the query
/// text kept in sync. A builder edit rewrites the text; typed text that parses updates the builder. Text the builder
/// cannot hold is kept and run as it is, with the builder off and the parser's reason shown, so nothing the user typed
/// is silently dropped.
/// </summary>
internal sealed class LogQueryLine
{
    public LogQueryLine(LogQuery query)
    {
        Query = query;
        Text = query.ToLogQL();
    }

    /// <summary>The builder's fields, or null when the text does not parse (see <see cref="Error"/>).</summary>
    public LogQuery? Query { get; private set; }

    /// <summary>What is sent to Loki.</summary>
    public string Text { get; private set; }

    /// <summary>Why the builder cannot hold <see cref="Text"/>, or null when it can.</summary>
    public string? Error { get; private set; }

    /// <summary>Typed text: the builder follows it when it parses; else the text is kept as typed and the builder is off.</summary>
    public void SetText(string text)
    {
        if (LogQuery.TryParse(text, out var query, out var error))
        {
            Set(query!);
            return;
        }

        Query = null;
        Text = text;
        Error = error;
    }

    /// <summary>A builder edit; false (nothing changes) when the builder is off because the text does not parse.</summary>
    public bool Edit(Func<LogQuery, LogQuery> change)
    {
        if (Query is not { } query)
        {
            return false;
        }

        Set(change(query));
        return true;
    }

    /// <summary>
    /// The stream matcher set to <paramref name="value"/>: replaced where the selector has one, added where it has none
    /// (a user may have typed it away).
    /// </summary>
    public static LogQuery WithLabel(LogQuery query, string name, string value)
    {
        var matchers = query.Selector.Where(m => m.Name != name).ToList();
        var at = query.Selector.ToList().FindIndex(m => m.Name == name);
        matchers.Insert(at < 0 ? matchers.Count : at, new LabelMatcher(name, "=", value));
        return query with { Selector = matchers };
    }

    private void Set(LogQuery query)
    {
        Query = query;
        Text = query.ToLogQL();
        Error = null;
    }
}
