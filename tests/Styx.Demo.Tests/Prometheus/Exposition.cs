using System.Globalization;
using System.Text.RegularExpressions;

namespace Styx.Demo.Tests.Prometheus;

/// <summary>An exposition-format text read back: each sample line as name, labels and value; the declared families.</summary>
public sealed partial record Exposition(IReadOnlyList<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> Samples, IReadOnlyDictionary<string, string> Types, IReadOnlySet<string> Helps)
{
    public static Exposition Parse(string text)
    {
        var samples = new List<(string, IReadOnlyDictionary<string, string>, double)>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                types.Add(parts[2], parts[3]);
                continue;
            }

            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helps.Add(line.Split(' ')[2]);
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, "not a sample line: " + line);
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(
                m => m.Groups[1].Value,
                m => m.Groups[2].Value.Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal),
                StringComparer.Ordinal);
            samples.Add((match.Groups["name"].Value, labels, PrometheusDemoFixture.Number(match.Groups["value"].Value)));
        }

        return new Exposition(samples, types, helps);
    }

    public double Value(string name, params (string Label, string Value)[] labels) =>
        Assert.Single(Samples, s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).Value;

    /// <summary>The family a sample line belongs to (a histogram's _bucket, _sum and _count belong to it).</summary>
    public string FamilyOf(string sample) =>
        Types.ContainsKey(sample) ? sample : Regex.Replace(sample, "_(bucket|sum|count)$", "");

    [GeneratedRegex("^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(?<labels>.*)\\})? (?<value>\\S+)$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
