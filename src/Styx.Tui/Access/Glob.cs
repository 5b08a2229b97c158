namespace Styx.Tui.Access;

/// <summary>
/// OpenSSH's wildcard match (match_pattern in match.c, PATTERNS in ssh_config(5)): <c>*</c> matches any run of
/// characters, <c>?</c> exactly one, everything else itself. Linear backtracking over the last <c>*</c>, so a pattern
/// of many stars costs O(pattern × text), never exponential time.
/// </summary>
internal static class Glob
{
    public static bool Matches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
