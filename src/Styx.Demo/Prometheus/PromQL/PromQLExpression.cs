using System.Text.RegularExpressions;

namespace Styx.Demo.Prometheus.PromQL;

/// <summary>The PromQL syntax tree of the subset Styx.Demo evaluates (names as in Prometheus's <c>parser/ast.go</c>).</summary>
internal abstract record PromQLExpression;

internal sealed record NumberLiteral(double Value) : PromQLExpression;

internal sealed record StringLiteral(string Value) : PromQLExpression;

/// <summary><c>name{matchers}</c>; <see cref="Range"/> set makes it a matrix selector (<c>[5m]</c>).</summary>
internal sealed record VectorSelector(IReadOnlyList<LabelMatcher> Matchers, TimeSpan? Range = null) : PromQLExpression;

internal sealed record Call(string Function, IReadOnlyList<PromQLExpression> Arguments) : PromQLExpression;

/// <summary><c>sum by (labels) (expr)</c>; <see cref="Without"/> for <c>without</c>.</summary>
internal sealed record Aggregation(string Operator, IReadOnlyList<string> Grouping, bool Without, PromQLExpression Expression) : PromQLExpression;

internal sealed record BinaryOperation(char Operator, PromQLExpression Left, PromQLExpression Right) : PromQLExpression;

internal sealed record Negation(PromQLExpression Expression) : PromQLExpression;

/// <summary>A label matcher: <c>=</c>, <c>!=</c>, <c>=~</c> or <c>!~</c>; regular expressions are anchored at both ends as in Prometheus.</summary>
internal sealed record LabelMatcher(string Name, string Type, string Value)
{
    private readonly Regex? _regex = Type is "=~" or "!~" ? new Regex("^(?:" + Value + ")$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1)) : null;

    public bool Matches(string value) => Type switch
    {
        "=" => value == Value,
        "!=" => value != Value,
        "=~" => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };
}
