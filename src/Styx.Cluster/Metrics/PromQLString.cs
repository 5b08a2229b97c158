using System.Text;

namespace Styx.Cluster.Metrics;

/// <summary>
/// Text placed inside a double-quoted PromQL string literal. PromQL reads such a literal with Go's escape rules
/// (promql/parser/lex.go lexString, then strconv.Unquote), so escaping the backslash, the quote and line breaks keeps
/// any value inside the literal: a job named <c>a"} or vector(1) #</c> stays a label value and never becomes PromQL.
/// </summary>
internal static class PromQLString
{
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
