using Styx.Tui.Shell.Commands;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>
/// Where a key goes: to the open overlay, else to the prompt line, else to the command table (by the key's name on
/// the current screen). A submitted <c>:</c> line runs the command its first word names, with the rest as argument.
/// </summary>
internal sealed class KeyRouter(IShell shell, OverlayHost overlays, PromptLine prompt)
{
    public void Handle(Key key)
    {
        if (overlays.IsOpen)
        {
            var (outcome, hadAction) = overlays.HandleKey(key);
            if (outcome == OverlayOutcome.Cancelled && hadAction)
            {
                shell.Say("cancelled");
            }

            shell.TableChanged();
            return;
        }

        if (prompt.IsOpen)
        {
            Prompt(key);
            return;
        }

        if (KeyName.Of(key) is not { } name)
        {
            return;
        }

        var command = shell.Commands.ForKey(name, shell.Top.Screen, out var elsewhere);
        if (command is not null)
        {
            command.Run(shell, null);
        }
        else if (elsewhere is { Action: not null })
        {
            shell.Say(shell.Session.Caller.Role == Styx.Cluster.Access.Role.Viewer
                ? ActionRunner.ReadOnlyMessage
                : $"{name} ({elsewhere.Help.Split(' ')[0]}) does not apply on this screen; ? lists the keys here", error: true);
        }
    }

    private void Prompt(Key key)
    {
        var mode = prompt.Mode;
        var outcome = prompt.HandleKey(key);
        if (mode == PromptMode.Filter)
        {
            shell.Top.Table.SetFilter(outcome == PromptOutcome.Cancelled ? "" : prompt.Text);
        }
        else if (mode == PromptMode.LogFilter)
        {
            if (outcome == PromptOutcome.Submitted)
            {
                LogCommands.ApplyFilter(shell, prompt.Text);
            }
        }
        else if (mode == PromptMode.LogQuery)
        {
            if (outcome == PromptOutcome.Submitted)
            {
                LokiLogCommands.ApplyQuery(shell, prompt.Text);
            }
        }
        else if (mode == PromptMode.LogLineFilter)
        {
            if (outcome == PromptOutcome.Submitted)
            {
                LokiLogCommands.AddLineFilter(shell, prompt.Text);
            }
        }
        else if (outcome == PromptOutcome.Submitted)
        {
            RunLine(prompt.Text);
        }

        shell.TableChanged();
    }

    private void RunLine(string line)
    {
        var words = line.Trim().TrimStart(':').Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return;
        }

        if (shell.Commands.ForWord(words[0]) is { } command)
        {
            command.Run(shell, words.Length > 1 ? words[1] : null);
        }
        else
        {
            shell.Say($"unknown command \"{words[0]}\"; try :jobs, :nodes, :allocs, :services or :help (tab completes)", error: true);
        }
    }
}
