using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Styx.Cluster.Metrics;

/// <summary>
/// The PromQL queries Styx graphs, by name and scope. It is data, not code: the defaults ship as
/// <c>metric-catalog.json</c> (fitting the Styx plan's Prometheus, cluster-apis.md §4) and a deployment replaces them
/// from configuration (<c>metrics:catalog</c>) without a rebuild.
/// </summary>
/// <remarks>
/// A placeholder may only stand inside a double-quoted label matcher value compared with <c>=</c> or <c>!=</c>: there
/// <see cref="PromQLString.Escape"/> makes any value plain literal text, whereas in a regex matcher (<c>=~</c>) a
/// job name's dots and brackets would mean something, and outside a string the value would be PromQL.
/// </remarks>
public sealed partial class MetricCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // A missing scope or unit must be an error, not silently the enum's first value.
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    private static readonly Dictionary<string, Func<MetricSubject, string?>> s_placeholders = new(StringComparer.Ordinal)
    {
        ["node"] = s => s.Node,
        ["job"] = s => s.Job,
        ["group"] = s => s.Group,
        ["alloc"] = s => s.Allocation,
        ["namespace"] = s => s.Namespace,
        ["service"] = s => s.Service,
    };

    public MetricCatalog(IEnumerable<MetricQuery> queries)
    {
        Queries = [.. queries];
        var duplicate = Queries.GroupBy(q => q.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"metric query '{duplicate.Key}' is listed more than once; give each query one entry");
        }

        foreach (var query in Queries)
        {
            if (CheckPlaceholders(query.PromQL) is { } problem)
            {
                throw new ArgumentException($"metric query '{query.Name}': {problem}");
            }

            // A table query is watched without a subject, so nothing could fill a placeholder; other queries may have
            // none too (the cluster's), which is why placeholders are not required per scope.
            if (query.Table && Placeholder().IsMatch(query.PromQL))
            {
                throw new ArgumentException($"metric query '{query.Name}' is a table query (one series per row), so it cannot have placeholders; select by the row's label instead, as in sum by (host) (...)");
            }
        }
    }

    public IReadOnlyList<MetricQuery> Queries { get; }

    /// <summary>The built-in catalog, from the embedded <c>metric-catalog.json</c>.</summary>
    public static MetricCatalog Default()
    {
        using var stream = typeof(MetricCatalog).Assembly.GetManifestResourceStream(typeof(MetricCatalog).Namespace + ".metric-catalog.json")
            ?? throw new InvalidOperationException("metric-catalog.json is not embedded in Styx.Cluster");
        return Parse(stream, "the built-in metric catalog");
    }

    /// <summary>
    /// Reads a catalog from JSON (an array of queries: name, title, scope, unit, promQL, sparkline, table).
    /// <paramref name="source"/> names it in the <see cref="InvalidDataException"/>, which also names the entry.
    /// </summary>
    public static MetricCatalog Parse(Stream json, string source)
    {
        List<MetricQuery?>? queries;
        try
        {
            queries = JsonSerializer.Deserialize<List<MetricQuery?>>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: metric queries are not valid JSON ({ex.Message})", ex);
        }

        if (queries is null || queries.Count == 0)
        {
            throw new InvalidDataException($"{source}: the metric query list is empty; list at least one query or leave the setting out");
        }

        var checkedQueries = new List<MetricQuery>(queries.Count);
        foreach (var (query, index) in queries.Select((q, i) => (q, i)))
        {
            var entry = query?.Name is { Length: > 0 } name ? $"metric query '{name}'" : $"metric query #{index + 1}";
            if (query is null || string.IsNullOrWhiteSpace(query.Name))
            {
                throw new InvalidDataException($"{source}: {entry} has no name");
            }

            if (string.IsNullOrWhiteSpace(query.PromQL))
            {
                throw new InvalidDataException($"{source}: {entry} has no promQL");
            }

            if (!Enum.IsDefined(query.Scope) || !Enum.IsDefined(query.Unit))
            {
                throw new InvalidDataException($"{source}: {entry} needs a scope ({string.Join(", ", Enum.GetNames<MetricScope>())}) and a unit ({string.Join(", ", Enum.GetNames<MetricUnit>())})");
            }

            if (CheckPlaceholders(query.PromQL) is { } problem)
            {
                throw new InvalidDataException($"{source}: {entry}: {problem}");
            }

            checkedQueries.Add(query with { Title = string.IsNullOrWhiteSpace(query.Title) ? query.Name : query.Title });
        }

        try
        {
            return new MetricCatalog(checkedQueries);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{source}: {ex.Message}", ex);
        }
    }

    /// <summary>The queries that graph one subject of <paramref name="scope"/>: table queries are left out (they answer for every row).</summary>
    public IEnumerable<MetricQuery> For(MetricScope scope) => Queries.Where(q => q.Scope == scope && !q.Table);

    /// <summary>The query called <paramref name="name"/>, case-insensitively.</summary>
    public MetricQuery? Find(string name) => Queries.FirstOrDefault(q => string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The PromQL with placeholders filled safely: each value is escaped as PromQL string literal text inside its label
    /// matcher, so a job named <c>a"} or vector(1) #</c> matches that job only. Throws <see cref="ArgumentException"/>
    /// if a field of <paramref name="subject"/> that the query needs is null, or if the query puts a placeholder
    /// anywhere but a double-quoted <c>=</c>/<c>!=</c> matcher value.
    /// </summary>
    public string Render(MetricQuery query, MetricSubject subject)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(subject);
        if (CheckPlaceholders(query.PromQL) is { } problem)
        {
            throw new ArgumentException($"metric query '{query.Name}': {problem}", nameof(query));
        }

        return Placeholder().Replace(query.PromQL, match =>
        {
            var name = match.Groups["name"].Value;
            var value = s_placeholders[name](subject)
                ?? throw new ArgumentException($"metric query '{query.Name}' needs the {name} of its subject, which is not given", nameof(subject));
            return PromQLString.Escape(value);
        });
    }

    /// <summary>What is wrong with the placeholders of <paramref name="promQL"/>, or null when every one is safe to fill.</summary>
    private static string? CheckPlaceholders(string promQL)
    {
        var strings = DoubleQuotedStrings(promQL, out var unterminated);
        if (unterminated)
        {
            return "a double-quoted string is not closed";
        }

        foreach (Match match in Placeholder().Matches(promQL))
        {
            var name = match.Groups["name"].Value;
            if (!s_placeholders.ContainsKey(name))
            {
                return $"unknown placeholder {match.Value}; use {string.Join(", ", s_placeholders.Keys.Select(k => "{{" + k + "}}"))}";
            }

            var inside = strings.FirstOrDefault(s => match.Index > s.Start && match.Index + match.Length <= s.End);
            if (inside == default)
            {
                return $"placeholder {match.Value} must stand inside a double-quoted label value, as in job=\"{{{{job}}}}\"";
            }

            var before = promQL[..inside.Start].TrimEnd();
            if (!before.EndsWith('='))
            {
                return $"placeholder {match.Value} must be in a label matcher compared with = or != (a regex matcher would read the value as a pattern)";
            }
        }

        return null;
    }

    /// <summary>The double-quoted string literals of <paramref name="promQL"/>, from the opening quote to just past the closing one.</summary>
    private static List<(int Start, int End)> DoubleQuotedStrings(string promQL, out bool unterminated)
    {
        var strings = new List<(int, int)>();
        unterminated = false;
        var i = 0;
        while (i < promQL.Length)
        {
            var c = promQL[i];
            if (c is '"' or '\'' or '`')
            {
                var start = i++;
                while (i < promQL.Length && promQL[i] != c)
                {
                    // Backquoted strings have no escapes; the other two follow Go's.
                    i += c != '`' && promQL[i] == '\\' ? 2 : 1;
                }

                if (i >= promQL.Length)
                {
                    unterminated = true;
                    return strings;
                }

                i++;
                if (c == '"')
                {
                    strings.Add((start, i));
                }
            }
            else if (c == '#')
            {
                // A comment runs to the end of the line.
                while (i < promQL.Length && promQL[i] != '\n')
                {
                    i++;
                }
            }
            else
            {
                i++;
            }
        }

        return strings;
    }

    [GeneratedRegex(@"\{\{(?<name>[^{}]*)\}\}")]
    private static partial Regex Placeholder();
}
