using System.Globalization;
using System.Text.RegularExpressions;
using Styx.Tui.Configuration;

namespace Styx.Tui.Commands;

/// <summary>
/// The words after <c>logs</c> or <c>query</c>: one positional argument (JOB|ALLOC, or the LogQL query) and the flags.
/// Each flag takes its value as the next word or after <c>=</c> (<c>--since 15m</c>, <c>--since=15m</c>), so a
/// <c>--grep</c> pattern may start with a dash. A bad value fails with a message naming the flag and what it takes.
/// </summary>
internal sealed record LogsArguments
{
    /// <summary>Loki's own cap on lines per query (<c>max_entries_limit_per_query</c>, 5000 by default).</summary>
    public const int MaxLimit = 5000;

    public const int DefaultLimit = 100;

    /// <summary>Loki's default <c>max_query_length</c> is 30 days and 1 hour; a longer range would only be refused there.</summary>
    public static readonly TimeSpan MaxSince = TimeSpan.FromDays(30);

    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(1);

    /// <summary>
    /// Bounds one <c>--grep</c> match on one line: a pattern that backtracks without end (<c>(a+)+$</c>) fails the
    /// command instead of holding a server core.
    /// </summary>
    public static readonly TimeSpan GrepTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>The flags <c>logs</c> takes (all of them); <c>query</c> takes <see cref="QueryFlags"/>.</summary>
    public static readonly IReadOnlySet<string> LogsFlags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--task", "--group", "--stderr", "--since", "--limit", "--grep", "--follow", "-f", "--json", "--timestamps", "-t",
    };

    public static readonly IReadOnlySet<string> QueryFlags = new HashSet<string>(StringComparer.Ordinal)
    {
        "--since", "--limit", "--json", "--timestamps", "-t",
    };

    private static readonly HashSet<string> s_takesValue = new(StringComparer.Ordinal) { "--task", "--group", "--since", "--limit", "--grep" };

    /// <summary>JOB|ALLOC for <c>logs</c>, the LogQL query for <c>query</c>.</summary>
    public string Subject { get; init; } = "";

    public string? Task { get; init; }

    public string? Group { get; init; }

    public bool Stderr { get; init; }

    public TimeSpan Since { get; init; } = DefaultSince;

    public int Limit { get; init; } = DefaultLimit;

    public Regex? Grep { get; init; }

    public bool Follow { get; init; }

    public bool Json { get; init; }

    public bool Timestamps { get; init; }

    /// <summary>
    /// Parses <paramref name="words"/> (what follows the command name) for <paramref name="command"/>, which takes the
    /// flags in <paramref name="allowed"/>.
    /// </summary>
    /// <returns>The arguments, or null and the problem, prefixed with the command name.</returns>
    public static (LogsArguments? Arguments, string? Problem) Parse(string command, string usage, IReadOnlyList<string> words, IReadOnlySet<string> allowed)
    {
        var parsed = new LogsArguments();
        var positional = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (!word.StartsWith('-') || word == "-")
            {
                positional.Add(word);
                continue;
            }

            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var flag = equals > 0 ? word[..equals] : word;
            if (!allowed.Contains(flag))
            {
                return (null, $"{command}: unknown option {flag}; usage: {usage}");
            }

            string? value = null;
            if (s_takesValue.Contains(flag))
            {
                if (equals > 0)
                {
                    value = word[(equals + 1)..];
                }
                else if (i + 1 < words.Count)
                {
                    value = words[++i];
                }
                else
                {
                    return (null, $"{command}: {flag} needs a value; usage: {usage}");
                }
            }
            else if (equals > 0)
            {
                return (null, $"{command}: {flag} takes no value");
            }

            (parsed, var problem) = With(parsed, flag, value ?? "");
            if (problem is not null)
            {
                return (null, $"{command}: {problem}");
            }
        }

        return positional.Count switch
        {
            0 => (null, $"usage: {usage} (missing argument)"),
            > 1 => (null, $"usage: {usage} (too many arguments: {string.Join(' ', positional.Skip(1))}" + (command == "query" ? "; quote the whole query" : "") + ")"),
            _ => (parsed with { Subject = positional[0] }, null),
        };
    }

    private static (LogsArguments Parsed, string? Problem) With(LogsArguments parsed, string flag, string value)
    {
        switch (flag)
        {
            case "--task":
                return value.Length == 0 ? (parsed, "--task needs a task name") : (parsed with { Task = value }, null);
            case "--group":
                return value.Length == 0 ? (parsed, "--group needs a task group name") : (parsed with { Group = value }, null);
            case "--stderr":
                return (parsed with { Stderr = true }, null);
            case "--follow" or "-f":
                return (parsed with { Follow = true }, null);
            case "--json":
                return (parsed with { Json = true }, null);
            case "--timestamps" or "-t":
                return (parsed with { Timestamps = true }, null);
            case "--since":
                return DurationText.TryParse(value, out var since) && since > TimeSpan.Zero && since <= MaxSince
                    ? (parsed with { Since = since }, null)
                    : (parsed, $"--since takes a duration from 1s to 30d such as 15m, 2h or 7d, not \"{value}\"");
            case "--limit":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
                    ? (parsed with { Limit = limit }, null)
                    : (parsed, $"--limit takes a whole number of lines from 1 to {MaxLimit}, not \"{value}\"");
            case "--grep":
                try
                {
                    return (parsed with { Grep = new Regex(value, RegexOptions.CultureInvariant, GrepTimeout) }, null);
                }
                catch (ArgumentException e)
                {
                    return (parsed, $"--grep: {e.Message}");
                }

            default:
                return (parsed, $"unknown option {flag}");
        }
    }
}
