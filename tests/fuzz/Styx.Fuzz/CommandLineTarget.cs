using System.Text;
using Styx.Tui.Commands;

namespace Styx.Fuzz;

/// <summary>
/// The exec command line (<see cref="CommandWords"/>): an unterminated quote or a trailing backslash is a
/// <see cref="FormatException"/>, anything else splits. Property: the words, each single-quoted as a POSIX shell would
/// quote them, split back into the same words.
/// </summary>
internal static class CommandLineTarget
{
    public static void Run(byte[] data)
    {
        IReadOnlyList<string> words;
        try
        {
            words = CommandWords.Split(Encoding.UTF8.GetString(data));
        }
        catch (FormatException)
        {
            return;
        }

        var quoted = string.Join(' ', words.Select(w => "'" + w.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        var again = CommandWords.Split(quoted);
        if (!again.SequenceEqual(words))
        {
            throw new InvalidOperationException($"quoting and splitting again changed the words: [{string.Join("|", words)}] -> [{string.Join("|", again)}]");
        }
    }

    public static IEnumerable<string> Seeds() =>
    [
        "scale \"my job\" api 3",
        "stop web --purge --json",
        "job 'a b'\\ c \"d\\\"e\\\\f\" g\\'h",
        "eligibility mac-mini-1 off\t--json\r\n",
    ];
}
