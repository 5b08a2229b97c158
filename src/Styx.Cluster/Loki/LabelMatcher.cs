namespace Styx.Cluster.Loki;

/// <summary>One matcher of a LogQL stream selector: <c>name op "value"</c> with op <c>=</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>.</summary>
public sealed record LabelMatcher
{
    public static readonly IReadOnlyList<string> Operators = ["=", "!=", "=~", "!~"];

    public LabelMatcher(string name, string op, string value)
    {
        if (!LogQLText.IsLabelName(name))
        {
            throw new ArgumentException($"'{name}' is not a Loki label name ([a-zA-Z_][a-zA-Z0-9_]*)", nameof(name));
        }

        if (!Operators.Contains(op))
        {
            throw new ArgumentException($"'{op}' is not a label matcher (=, !=, =~, !~)", nameof(op));
        }

        (Name, Op, Value) = (name, op, value);
    }

    public string Name { get; }
    public string Op { get; }
    public string Value { get; }

    public override string ToString() => Name + Op + LogQLText.Quote(Value);
}
