using System.Collections.Immutable;
using System.Text;

namespace Styx.Demo.Prometheus;

/// <summary>
/// A label set sorted by name (Prometheus's <c>labels.Labels</c>): what identifies a series, compared by content.
/// </summary>
internal sealed class PromLabels : IEquatable<PromLabels>
{
    public const string MetricName = "__name__";

    public static readonly PromLabels Empty = new([]);

    private PromLabels(ImmutableArray<KeyValuePair<string, string>> pairs)
    {
        Pairs = pairs;
        var key = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            key.Append(name).Append('\0').Append(value).Append('\0');
        }

        Key = key.ToString();
    }

    public ImmutableArray<KeyValuePair<string, string>> Pairs { get; }

    /// <summary>Unique per label set; what groups and matches series.</summary>
    public string Key { get; }

    /// <summary>A label set; empty values are dropped, as Prometheus treats an empty label as absent.</summary>
    public static PromLabels Of(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new([.. pairs.Where(p => p.Value.Length > 0).GroupBy(p => p.Key, StringComparer.Ordinal).Select(g => g.Last()).OrderBy(p => p.Key, StringComparer.Ordinal)]);

    public static PromLabels Of(params (string Name, string Value)[] pairs) => Of(pairs.Select(p => KeyValuePair.Create(p.Name, p.Value)));

    /// <summary>The value of a label, empty when absent (PromQL's rule).</summary>
    public string this[string name]
    {
        get
        {
            foreach (var (key, value) in Pairs)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return "";
        }
    }

    public PromLabels With(string name, string value) => Of(Pairs.Append(KeyValuePair.Create(name, value)));

    public PromLabels Merge(PromLabels other) => Of(Pairs.Concat(other.Pairs));

    public PromLabels Only(IReadOnlyCollection<string> names) => new([.. Pairs.Where(p => names.Contains(p.Key))]);

    public PromLabels Without(IReadOnlyCollection<string> names) => new([.. Pairs.Where(p => !names.Contains(p.Key))]);

    public PromLabels WithoutName() => new([.. Pairs.Where(p => p.Key != MetricName)]);

    public bool Equals(PromLabels? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => obj is PromLabels other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    /// <summary>PromQL's notation, as in Prometheus's error texts: <c>{__name__="up", job="node"}</c>.</summary>
    public override string ToString() =>
        "{" + string.Join(", ", Pairs.Select(p => $"{p.Key}=\"{p.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"")) + "}";
}
