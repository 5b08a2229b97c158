using System.Globalization;
using System.Text;

namespace Styx.Cluster.Loki;

/// <summary>LogQL's lexical pieces: label names and Go double-quoted strings (LogQL strings are Go literals).</summary>
internal static class LogQLText
{
    public static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>A Go string literal: <c>"</c> and <c>\</c> escaped, newline, tab and CR as <c>\n \t \r</c>, other controls as <c>\u00XX</c>.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case < ' ' or '\u007f': builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: builder.Append(c); break;
            }
        }

        return builder.Append('"').ToString();
    }
}
