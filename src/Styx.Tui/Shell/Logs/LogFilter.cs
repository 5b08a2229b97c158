using System.Text.RegularExpressions;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// The Logs screen's <c>/</c> filter: a regular expression and the numbers of the lines it matches, in order. A new
/// line is tested once, when it arrives (anchors.md §2 item 4: the filter applies to future lines too); dropped lines
/// leave from the front. Nothing here ever scans every line again except setting a new pattern.
/// </summary>
/// <remarks>
/// Patterns are case-insensitive and every match runs under <see cref="MatchTimeout"/>: a pattern that backtracks
/// catastrophically on some line turns the filter off with an error instead of freezing the session.
/// </remarks>
internal sealed class LogFilter
{
    /// <summary>Long enough for any sane pattern on a long line; short enough that one slow line cannot stall a frame.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(25);

    private readonly List<long> _matches = [];

    public Regex? Pattern { get; private set; }

    /// <summary>Show only matching lines (else all, with the matches highlighted).</summary>
    public bool Hide { get; set; }

    public IReadOnlyList<long> Matches => _matches;

    /// <summary>Why the filter was switched off while running (a match timed out), for the message line; null otherwise.</summary>
    public string? Failure { get; private set; }

    /// <summary>The failure to report, once.</summary>
    public string? TakeFailure()
    {
        var failure = Failure;
        Failure = null;
        return failure;
    }

    /// <summary>The pattern <paramref name="text"/> stands for, or the parser's complaint.</summary>
    public static Regex? Compile(string text, out string? error)
    {
        error = null;
        try
        {
            return new Regex(text, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            error = $"not a regular expression: {e.Message}";
            return null;
        }
    }

    /// <summary>Sets a new pattern (null clears it) and tests every held line against it once.</summary>
    public void Set(Regex? pattern, LogLines lines)
    {
        Pattern = pattern;
        Failure = null;
        _matches.Clear();
        if (pattern is null)
        {
            Hide = false;
            return;
        }

        for (var n = lines.First; n < lines.Next && Pattern is not null; n++)
        {
            Added(lines[n]);
        }
    }

    /// <summary>A line arrived: it joins the matches when the pattern matches its body.</summary>
    public void Added(LogRow row)
    {
        if (Pattern is { } pattern && IsMatch(pattern, row.Body))
        {
            _matches.Add(row.Number);
        }
    }

    /// <summary>Lines before <paramref name="first"/> were dropped.</summary>
    public void DroppedBefore(long first)
    {
        var gone = LowerBound(first);
        if (gone > 0)
        {
            _matches.RemoveRange(0, gone);
        }
    }

    public bool IsMatchLine(long number) => Pattern is not null && LowerBound(number) is var i && i < _matches.Count && _matches[i] == number;

    /// <summary>The index of the first match at or after <paramref name="number"/> (Count when none).</summary>
    public int LowerBound(long number)
    {
        var index = _matches.BinarySearch(number);
        return index >= 0 ? index : ~index;
    }

    /// <summary>The next matching line after (or, with a negative direction, before) <paramref name="number"/>.</summary>
    public long? NextMatch(long number, int direction)
    {
        if (direction > 0)
        {
            var index = _matches.BinarySearch(number);
            index = index >= 0 ? index + 1 : ~index;
            return index < _matches.Count ? _matches[index] : null;
        }

        var below = LowerBound(number) - 1;
        return below >= 0 ? _matches[below] : null;
    }

    /// <summary>Where the pattern matches in <paramref name="body"/> (for the highlight; only visible lines ask).</summary>
    public IReadOnlyList<(int Start, int Length)> Spans(string body)
    {
        if (Pattern is not { } pattern)
        {
            return [];
        }

        try
        {
            var spans = new List<(int, int)>();
            foreach (Match match in pattern.Matches(body))
            {
                if (match.Length > 0)
                {
                    spans.Add((match.Index, match.Length));
                }
            }

            return spans;
        }
        catch (RegexMatchTimeoutException)
        {
            return [];
        }
    }

    private bool IsMatch(Regex pattern, string body)
    {
        try
        {
            return pattern.IsMatch(body);
        }
        catch (RegexMatchTimeoutException)
        {
            Failure = $"the filter /{pattern}/ took longer than {MatchTimeout.TotalMilliseconds:0} ms on one line and was switched off";
            Pattern = null;
            Hide = false;
            _matches.Clear();
            return false;
        }
    }
}
