using System.Text.RegularExpressions;

namespace Styx.Demo.Loki;

/// <summary>A log query: a stream selector and its pipeline (line filters, <c>| json</c>), in order.</summary>
internal sealed record LogQLLogQuery(IReadOnlyList<LogQLMatcher> Matchers, IReadOnlyList<LogQLStage> Stages) : LogQLExpression;

/// <summary>One label matcher of a stream selector: <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c> (regexes fully anchored, as in Loki).</summary>
internal sealed record LogQLMatcher(string Name, string Op, string Value, Regex? Pattern)
{
    /// <summary>Whether a stream with this label value (empty when the label is absent) is selected.</summary>
    public bool Matches(string value) => Op switch
    {
        "=" => value == Value,
        "!=" => value != Value,
        "=~" => Pattern!.IsMatch(value),
        _ => !Pattern!.IsMatch(value),
    };
}

/// <summary>A pipeline stage.</summary>
internal abstract record LogQLStage;

/// <summary><c>|= "text"</c>, <c>!= "text"</c>, <c>|~ "re"</c>, <c>!~ "re"</c> (regexes unanchored, as in Loki).</summary>
internal sealed record LogQLLineFilter(string Op, string Text, Regex? Pattern) : LogQLStage
{
    public bool Keeps(string line) => Op switch
    {
        "|=" => line.Contains(Text, StringComparison.Ordinal),
        "!=" => !line.Contains(Text, StringComparison.Ordinal),
        "|~" => Pattern!.IsMatch(line),
        _ => !Pattern!.IsMatch(line),
    };
}

/// <summary><c>| json</c>: the line's JSON fields become labels.</summary>
internal sealed record LogQLJsonStage : LogQLStage;
