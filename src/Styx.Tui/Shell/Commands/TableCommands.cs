using Styx.Tui.Screens;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// Keys that work on every table (DESIGN.md §6, what users of k9s and wander expect): move, page, open, back, filter,
/// next match, marks, sort, reload, help, quit. The moving and filtering ones are the tables'; the Logs screen has
/// its own (<see cref="LogCommands"/>).
/// </summary>
internal static class TableCommands
{
    public static IEnumerable<ShellCommand> All =>
    [
        new() { Keys = ["j", "Down"], TableOnly = true, Help = "down one row", Run = (s, _) => Move(s, +1) },
        new() { Keys = ["k", "Up"], TableOnly = true, Help = "up one row", Run = (s, _) => Move(s, -1) },
        new() { Keys = ["PgDn", "Ctrl+F"], TableOnly = true, Help = "down one page", Run = (s, _) => Move(s, s.PageRows) },
        new() { Keys = ["PgUp", "Ctrl+B"], TableOnly = true, Help = "up one page", Run = (s, _) => Move(s, -s.PageRows) },
        new() { Keys = ["g", "Home"], TableOnly = true, Help = "first row", Run = (s, _) => Changed(s, () => s.Top.Table.MoveToTop()) },
        new() { Keys = ["G", "End"], TableOnly = true, Help = "last row", Run = (s, _) => Changed(s, () => s.Top.Table.MoveToBottom()) },
        new() { Keys = ["Enter"], TableOnly = true, Help = "open the selected row", Run = (s, _) => OpenSelected(s) },
        new() { Keys = ["Esc", "h"], Help = "back (clears filter, marks first; never quits)", Run = (s, _) => s.Back() },
        new() { Keys = ["/"], TableOnly = true, Help = "filter rows; enter keeps, esc clears", Hint = true, Run = (s, _) => s.OpenPrompt(PromptMode.Filter) },
        new() { Keys = ["n"], TableOnly = true, Help = "next row the filter matches", Run = (s, _) => NextMatch(s, +1) },
        new() { Keys = ["N"], TableOnly = true, Help = "previous row the filter matches", Run = (s, _) => NextMatch(s, -1) },
        new() { Keys = [":"], Help = "command prompt; tab completes", Hint = true, Run = (s, _) => s.OpenPrompt(PromptMode.Command) },
        new() { Keys = ["Space"], Help = "mark the row for a bulk action", NeedsMarks = true, Run = (s, _) => Changed(s, () => s.Top.Table.ToggleMark()) },
        new() { Keys = [">"], TableOnly = true, Help = "sort by the next column", Run = (s, _) => Changed(s, () => s.Top.Table.CycleSort(+1, s.Top.Screen.Columns.Length)) },
        new() { Keys = ["<"], TableOnly = true, Help = "sort by the previous column", Run = (s, _) => Changed(s, () => s.Top.Table.CycleSort(-1, s.Top.Screen.Columns.Length)) },
        new() { Keys = ["="], TableOnly = true, Help = "reverse the sort", Run = (s, _) => Changed(s, () => s.Top.Table.ReverseSort()) },
        new() { Keys = ["r"], TableOnly = true, Help = "read this screen's details again", Run = (s, _) => s.Reload() },
        new() { Keys = ["?"], Words = ["help", "h"], Help = "the keys of this screen", Hint = true, Run = (s, _) => ShowHelp(s) },
        new() { Keys = ["q", "Ctrl+C"], Words = ["quit", "q", "exit"], Help = "quit", Run = (s, _) => s.Quit() },
    ];

    private static void Move(IShell shell, int by) => Changed(shell, () => shell.Top.Table.Move(by));

    private static void Changed(IShell shell, Action change)
    {
        change();
        shell.TableChanged();
    }

    private static void OpenSelected(IShell shell)
    {
        if (shell.Top.Table.SelectedRow is { } row && shell.Top.Screen.Open(row) is { } next)
        {
            shell.Open(next);
        }
    }

    private static void NextMatch(IShell shell, int direction)
    {
        var table = shell.Top.Table;
        if (table.Filter.Length == 0 || !table.NextMatch(direction))
        {
            shell.Say("no filter: / filters the rows, then n and N step through them");
            return;
        }

        shell.TableChanged();
    }

    private static void ShowHelp(IShell shell)
    {
        var screen = shell.Top.Screen;
        var data = new ScreenData(shell.Snapshot, shell.Session.Catalog, shell.Session.Caller, shell.Session.Time.GetLocalNow());
        shell.ShowOverlay(new HelpOverlay("Keys: " + screen.Title(data), shell.Commands.HelpLines(screen, shell.Session.Caller.Role, shell.Columns)));
    }
}
