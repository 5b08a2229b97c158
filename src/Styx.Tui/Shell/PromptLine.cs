using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>What the prompt line is asking for.</summary>
internal enum PromptMode
{
    None,
    Filter,
    Command,

    /// <summary>The Logs screen's regular expression, applied when submitted (a half-typed pattern is rarely valid).</summary>
    LogFilter,

    /// <summary>The Logs screen's LogQL query text (Loki mode), followed when submitted.</summary>
    LogQuery,

    /// <summary>The text of a <c>|= "text"</c> line filter to add to the LogQL query.</summary>
    LogLineFilter,
}

/// <summary>What a key did to the prompt.</summary>
internal enum PromptOutcome
{
    Edited,
    Submitted,
    Cancelled,
}

/// <summary>
/// The line where <c>/</c> filters and <c>:</c> commands are typed: editing, and tab completion through the
/// completer the command table provides. It holds only the text; what a submitted line does is the host's business.
/// </summary>
/// <param name="complete">Completions for a command line typed so far (the command table's words and arguments).</param>
internal sealed class PromptLine(Func<string, IReadOnlyList<string>> complete)
{
    private const int MaxLength = 200;

    public PromptMode Mode { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>Completions offered by the last tab when there was more than one, for the message line.</summary>
    public IReadOnlyList<string> Offered { get; private set; } = [];

    public bool IsOpen => Mode != PromptMode.None;

    public void Open(PromptMode mode, string text = "")
    {
        Mode = mode;
        Text = text;
        Offered = [];
    }

    public PromptOutcome HandleKey(Key key)
    {
        Offered = [];
        switch (key.KeyCode)
        {
            case KeyCode.Esc:
                Mode = PromptMode.None;
                return PromptOutcome.Cancelled;
            case KeyCode.Enter:
                Mode = PromptMode.None;
                return PromptOutcome.Submitted;
            case KeyCode.Backspace or KeyCode.Delete:
                Text = Text.Length > 0 ? Text[..^1] : "";
                return PromptOutcome.Edited;
            case KeyCode.Tab when Mode == PromptMode.Command:
                Complete();
                return PromptOutcome.Edited;
        }

        var rune = key.AsRune;
        if (rune.Value >= ' ' && !key.IsCtrl && !key.IsAlt && Text.Length < MaxLength)
        {
            Text += rune.ToString();
        }

        return PromptOutcome.Edited;
    }

    private void Complete()
    {
        var options = complete(Text);
        if (options.Count == 1)
        {
            Text = options[0] + (options[0].Contains(' ', StringComparison.Ordinal) ? "" : " ");
        }
        else if (options.Count > 1)
        {
            Text = CommonPrefix(options);
            Offered = options;
        }
    }

    private static string CommonPrefix(IReadOnlyList<string> options)
    {
        var prefix = options[0];
        foreach (var option in options)
        {
            var length = 0;
            while (length < prefix.Length && length < option.Length && char.ToLowerInvariant(prefix[length]) == char.ToLowerInvariant(option[length]))
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix;
    }
}
