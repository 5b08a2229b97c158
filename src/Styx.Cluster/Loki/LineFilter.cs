namespace Styx.Cluster.Loki;

/// <summary>A LogQL line filter: <c>|= "text"</c> (contains), <c>!= "text"</c>, <c>|~ "re"</c> (matches), <c>!~ "re"</c>.</summary>
public sealed record LineFilter
{
    public static readonly IReadOnlyList<string> Operators = ["|=", "!=", "|~", "!~"];

    public LineFilter(string op, string text)
    {
        if (!Operators.Contains(op))
        {
            throw new ArgumentException($"'{op}' is not a line filter (|=, !=, |~, !~)", nameof(op));
        }

        (Op, Text) = (op, text);
    }

    public string Op { get; }
    public string Text { get; }

    public override string ToString() => Op + " " + LogQLText.Quote(Text);
}
