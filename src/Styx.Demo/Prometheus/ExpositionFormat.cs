using System.Text;

namespace Styx.Demo.Prometheus;

/// <summary>
/// Prometheus text exposition format 0.0.4: per family a <c># HELP</c> and a <c># TYPE</c> line, then one line per
/// sample, <c>name{label="value",…} value</c>; label values escape backslash, double quote and newline, help text
/// backslash and newline.
/// </summary>
internal static class ExpositionFormat
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The families of several targets, merged by name (a family must appear once), values at <paramref name="at"/>.</summary>
    public static string Write(IEnumerable<MetricFamily> families, DateTimeOffset at)
    {
        var text = new StringBuilder();
        foreach (var family in families.GroupBy(f => f.Name, StringComparer.Ordinal))
        {
            var first = family.First();
            text.Append("# HELP ").Append(first.Name).Append(' ').Append(EscapeHelp(first.Help)).Append('\n');
            text.Append("# TYPE ").Append(first.Name).Append(' ').Append(first.Type.ToString().ToLowerInvariant()).Append('\n');
            foreach (var sample in family.SelectMany(f => f.Samples))
            {
                if (sample.Born > at)
                {
                    continue;
                }

                text.Append(sample.Name);
                if (sample.Labels.Pairs.Length > 0)
                {
                    text.Append('{');
                    text.AppendJoin(',', sample.Labels.Pairs.Select(p => p.Key + "=\"" + EscapeLabelValue(p.Value) + "\""));
                    text.Append('}');
                }

                text.Append(' ').Append(PromNumber.Format(sample.Value(at))).Append('\n');
            }
        }

        return text.ToString();
    }

    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeHelp(string help) =>
        help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
