using Styx.Cluster.Text;

namespace Styx.Tui.Shell;

/// <summary>
/// The line above the status line when no prompt is open: the last thing the app had to say (an outcome, a refusal,
/// Nomad's error text), or the completions tab offered. Outside text is made visible before it is kept.
/// </summary>
internal sealed class MessageLine(string first)
{
    public string Text { get; private set; } = first;

    public bool IsError { get; private set; }

    public void Say(string message, bool error = false)
    {
        Text = ControlCharacters.MakeVisible(message);
        IsError = error;
    }

    public void Clear() => Say("");

    /// <summary>What to show: the completions the prompt offered, else the message.</summary>
    public string Shown(PromptLine prompt) =>
        prompt.Offered.Count > 0 ? string.Join("  ", prompt.Offered.Take(12)) + (prompt.Offered.Count > 12 ? "  …" : "") : Text;
}
