using System.Collections.Immutable;
using Styx.Cluster.Access;
using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// The one command table of the full-screen app. Key handling, the <c>?</c> help, <c>:</c> completion and the
/// status-line hints are all read from it, so they cannot drift apart; each key and each <c>:</c> word is defined once,
/// in the entry that owns it (<see cref="TableCommands"/>, <see cref="ScreenCommands"/>, <see cref="ActionCommands"/>).
/// </summary>
internal sealed class CommandTable
{
    private readonly ImmutableDictionary<string, ImmutableArray<ShellCommand>> _byKey;
    private readonly ImmutableDictionary<string, ShellCommand> _byWord;

    public CommandTable(IEnumerable<ShellCommand> commands)
    {
        All = [.. commands];
        _byKey = All.SelectMany(c => c.Keys.Select(k => (Key: k, Command: c)))
            .GroupBy(p => p.Key, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Select(p => p.Command).ToImmutableArray(), StringComparer.Ordinal);
        var words = All.SelectMany(c => c.Words.Select(w => (Word: w, Command: c))).ToList();
        if (words.GroupBy(w => w.Word, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"the : word '{twice.Key}' is defined twice in the command table");
        }

        _byWord = words.ToImmutableDictionary(w => w.Word, w => w.Command, StringComparer.OrdinalIgnoreCase);
    }

    public ImmutableArray<ShellCommand> All { get; }

    /// <summary>The commands the app starts with; <paramref name="extraScreens"/> adds <c>:</c> words (tests add one that fails on purpose).</summary>
    public static CommandTable Default(IReadOnlyDictionary<string, Func<Screen>>? extraScreens = null) =>
        new([.. TableCommands.All, .. LogCommands.All, .. LokiLogCommands.All, .. MetricCommands.All, .. ScreenCommands.All(extraScreens), .. ActionCommands.All]);

    /// <summary>The command a key runs on <paramref name="screen"/>; <paramref name="elsewhere"/> is one it runs on other screens.</summary>
    public ShellCommand? ForKey(string key, Screen screen, out ShellCommand? elsewhere)
    {
        elsewhere = null;
        if (!_byKey.TryGetValue(key, out var candidates))
        {
            return null;
        }

        elsewhere = candidates[0];
        return candidates.FirstOrDefault(c => c.AppliesTo(screen));
    }

    public ShellCommand? ForWord(string word) => _byWord.GetValueOrDefault(word);

    /// <summary>Completions for a <c>:</c> line typed so far: words first, then the names their argument takes.</summary>
    public IReadOnlyList<string> Complete(string typed, Func<ArgumentKind, IEnumerable<string>> names)
    {
        var space = typed.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return [.. All.Where(c => c.Words.Length > 0).Select(c => c.Words[0]).Where(w => w.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)];
        }

        var word = typed[..space];
        var prefix = typed[(space + 1)..];
        var command = ForWord(word);
        if (command is null || command.ArgumentKind == ArgumentKind.None)
        {
            return [];
        }

        return [.. names(command.ArgumentKind).Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(n => word + " " + n)];
    }

    /// <summary>
    /// The <c>?</c> help of <paramref name="screen"/> for <paramref name="role"/>: only what applies there and what the
    /// role may do; what the role may change first, then keys and <c>:</c> commands in two columns so it fits 80×24.
    /// </summary>
    /// <param name="width">The terminal's width: two columns from 116 up, one below.</param>
    public IReadOnlyList<string> HelpLines(Screen screen, Role role, int width = 120)
    {
        var half = width >= 116 ? 56 : 0;
        var here = All.Where(c => c.AppliesTo(screen)).ToList();
        var lines = new List<string>();
        var actions = here.Where(c => c.Action is not null && c.Keys.Length > 0).ToList();
        if (actions.Count > 0 && role == Role.Viewer)
        {
            lines.Add("READ-ONLY session: there are no action keys for your role (viewer).");
        }
        else if (actions.Count > 0)
        {
            lines.Add("Actions (each asks first, Cancel is the default):");
            lines.AddRange(actions.Where(c => c.ShownTo(role)).Select(c => $"  {c.Keys[0]}  {c.Help}"));
        }

        lines.Add("");
        lines.Add("Keys:");
        var keys = here.Where(c => c.Keys.Length > 0 && c.Action is null).Select(c => (string.Join(" ", c.Keys.Take(2)), c.Help))
            .Concat(screen.HelpKeys).ToList();
        lines.AddRange(Columns(keys, 12, half));
        lines.Add("");
        lines.Add("Commands (: then tab completes):");
        var words = here.Where(c => c.Words.Length > 0 && c.Keys.Length == 0 && c.ShownTo(role))
            .Select(c => (":" + c.Words[0] + (c.Argument is null ? "" : c.ArgumentOptional ? $" [{c.Argument}]" : " " + c.Argument), c.Help)).ToList();
        lines.AddRange(Columns(words, 16, half));
        return lines;
    }

    /// <summary>Entries side by side when <paramref name="half"/> is set, each cut to its half of the box, so a long list still fits the screen.</summary>
    private static IEnumerable<string> Columns(IReadOnlyList<(string Key, string What)> entries, int keyWidth, int half)
    {
        if (half == 0)
        {
            foreach (var (key, what) in entries)
            {
                yield return $"  {key.PadRight(keyWidth)} {what}";
            }

            yield break;
        }

        string Entry((string Key, string What) e)
        {
            var text = $"  {e.Key.PadRight(keyWidth)} {e.What}";
            return text.Length > half - 2 ? text[..(half - 3)] + "…" : text;
        }

        var rows = (entries.Count + 1) / 2;
        for (var i = 0; i < rows; i++)
        {
            var left = Entry(entries[i]).PadRight(half);
            yield return i + rows < entries.Count ? left + Entry(entries[i + rows]) : left.TrimEnd();
        }
    }

    /// <summary>Short hints for the status line: the marked commands that apply here, with their first key.</summary>
    public IReadOnlyList<string> Hints(Screen screen, Role role) =>
        [.. All.Where(c => c.Hint && c.Keys.Length > 0 && c.AppliesTo(screen) && c.ShownTo(role)).Select(c => $"{c.Keys[0]} {HintWord(c)}")];

    private static string HintWord(ShellCommand command) => command.Words.Length > 0 ? command.Words[0] : command.Help.Split(' ')[0];
}
