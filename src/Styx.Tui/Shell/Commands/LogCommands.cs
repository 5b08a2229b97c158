using Styx.Cluster.Logs;
using Styx.Tui.Screens;
using Styx.Tui.Screens.Logs;
using Styx.Tui.Shell.Logs;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// <c>l</c>, which opens the Logs screen from a job, group, allocation or task row, and the Logs screen's own keys
/// (DESIGN.md §6): scrolling with sticky follow, the <c>/</c> regex filter with <c>n</c>/<c>N</c> and a hide mode,
/// the stream switch, wrap, timestamps and the JSON view (Loki's time ranges and LogQL line: <see cref="LokiLogCommands"/>).
/// Each key is defined here once, so help and hints show it.
/// </summary>
internal static class LogCommands
{
    private const TargetKinds Here = TargetKinds.LogLine;

    public static IEnumerable<ShellCommand> All =>
    [
        new()
        {
            Keys = ["l"], Help = "logs of the selected job, group, allocation or task (live)", Hint = true,
            Targets = TargetKinds.Job | TargetKinds.Group | TargetKinds.Allocation | TargetKinds.Task,
            Run = (s, _) => OpenFor(s, s.Top.Table.SelectedRow?.Target),
        },
        new() { Keys = ["j", "Down"], Targets = Here, Help = "down one line (at the last line, following resumes)", Run = (s, _) => Cursor(s, c => c.Move(+1)) },
        new() { Keys = ["k", "Up"], Targets = Here, Help = "up one line (stops following)", Run = (s, _) => Cursor(s, c => c.Move(-1)) },
        new() { Keys = ["PgDn", "Ctrl+F"], Targets = Here, Help = "down one page", Run = (s, _) => Cursor(s, c => c.Move(s.PageRows)) },
        new() { Keys = ["PgUp", "Ctrl+B"], Targets = Here, Help = "up one page", Run = (s, _) => Cursor(s, c => c.Move(-s.PageRows)) },
        new() { Keys = ["g", "Home"], Targets = Here, Help = "oldest line held", Run = (s, _) => Cursor(s, c => c.ToTop()) },
        new() { Keys = ["G", "End"], Targets = Here, Help = "newest line, and follow", Run = (s, _) => Cursor(s, c => c.ToBottom()) },
        new()
        {
            Keys = ["f"], Targets = Here, Hint = true, Help = "follow the tail on / off (off: new lines wait below)",
            Run = (s, _) => View(s, v =>
            {
                v.Cursor.ToggleFollow();
                s.Say(v.Cursor.Follow ? "following new lines" : "paused: new lines arrive below; f or G follows again");
            }),
        },
        new()
        {
            Keys = ["/"], Targets = Here, Hint = true, Help = "filter: a regular expression (any case), matches highlighted; applies to new lines too",
            Run = (s, _) => View(s, v => s.OpenPrompt(PromptMode.LogFilter, v.Filter.Pattern?.ToString() ?? "")),
        },
        new() { Keys = ["n"], Targets = Here, Help = "next line the filter matches", Run = (s, _) => NextMatch(s, +1) },
        new() { Keys = ["N"], Targets = Here, Help = "previous line the filter matches", Run = (s, _) => NextMatch(s, -1) },
        new()
        {
            Keys = ["F"], Targets = Here, Help = "show only the lines the filter matches / all lines",
            Run = (s, _) => View(s, v =>
            {
                if (v.Filter.Pattern is null)
                {
                    s.Say("no filter: / sets one, then F shows only the lines it matches");
                    return;
                }

                v.Filter.Hide = !v.Filter.Hide;
                v.Cursor.Refresh();
                s.Say(v.Filter.Hide ? "only matching lines; F shows all again" : "all lines, matches highlighted");
            }),
        },
        new()
        {
            Keys = ["s"], Targets = Here, Help = "stdout ↔ stderr (Loki: the query's stream)",
            Run = (s, _) => View(s, v =>
            {
                if (!v.SwitchStream())
                {
                    s.Say($"the builder is off: the query text does not parse ({v.Query?.Error}); L edits the stream in the text", error: true);
                    return;
                }

                s.Say(v.Target.Stream == LogStream.Stderr ? "following stderr; s goes back to stdout" : "following stdout; s switches to stderr");
            }),
        },
        new() { Keys = ["w"], Targets = Here, Help = "wrap long lines on / off (off: cut at the edge with …)", Run = (s, _) => View(s, v => v.Wrap = !v.Wrap) },
        new() { Keys = ["t"], Targets = Here, Help = "timestamps on / off (when each line was written or received)", Run = (s, _) => View(s, v => v.ToggleTimestamps()) },
        new() { Keys = ["J"], Targets = Here, Help = "the selected JSON line, pretty-printed (esc closes)", Run = (s, _) => ShowJson(s) },
    ];

    /// <summary><c>:logs [JOB[/TASK]]</c>: the named job (or one of its tasks); alone, the job or allocation on screen, else it asks.</summary>
    public static void OpenNamed(IShell shell, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            var here = shell.Top.Screen switch
            {
                JobScreen job => new LogTarget(job.Namespace, job.JobId),
                AllocationScreen allocation => ForAllocation(shell, allocation.AllocationId, null),
                _ => null,
            };
            if (here is not null)
            {
                shell.Open(new LogsScreen(here));
                return;
            }

            shell.OpenPrompt(PromptMode.Command, "logs ");
            shell.Say("logs of which job? type its name, /TASK for one task (tab completes)");
            return;
        }

        var parts = name.Trim().Split('/', 2, StringSplitOptions.TrimEntries);
        if (Navigation.FindJob(shell.Snapshot, parts[0]) is not { } found)
        {
            shell.Say($"no job \"{parts[0]}\" in namespace {shell.Namespace}; :jobs lists them, :ns * shows every namespace", error: true);
            return;
        }

        var task = parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null;
        shell.Open(new LogsScreen(new LogTarget(found.Namespace, found.ID, Task: task)));
    }

    /// <summary>The prompt's pattern was submitted: set, cleared when empty, or refused with the parser's reason.</summary>
    public static void ApplyFilter(IShell shell, string text)
    {
        if (shell.Top.Logs is not { } view)
        {
            return;
        }

        if (text.Length == 0)
        {
            view.SetFilter(null);
            shell.Say("filter cleared");
            return;
        }

        if (LogFilter.Compile(text, out var error) is not { } pattern)
        {
            shell.Say(error!, error: true);
            return;
        }

        view.SetFilter(pattern);
        if (view.Filter.TakeFailure() is { } failure)
        {
            shell.Say(failure, error: true);
            return;
        }

        var count = view.Filter.Matches.Count;
        shell.Say($"{CellText.Number(count)} matching line{(count == 1 ? "" : "s")}; n and N step through them, F shows only them, esc clears");
    }

    private static void OpenFor(IShell shell, RowTarget? row)
    {
        var target = row switch
        {
            JobTarget job => new LogTarget(job.Namespace, job.JobId),
            GroupTarget group => new LogTarget(group.Namespace, group.JobId, Group: group.Group),
            AllocationTarget allocation => ForAllocation(shell, allocation.AllocationId, null),
            TaskTarget task => ForAllocation(shell, task.AllocationId, task.Task),
            _ => null,
        };
        if (target is null)
        {
            shell.Say("l opens the logs of a job, task group, allocation or task row", error: true);
            return;
        }

        shell.Open(new LogsScreen(target));
    }

    private static LogTarget? ForAllocation(IShell shell, string allocationId, string? task) =>
        shell.Snapshot.Allocations.FirstOrDefault(a => a.ID == allocationId) is { } stub
            ? new LogTarget(stub.Namespace, stub.JobID, AllocationId: stub.ID, Task: task)
            : null;

    private static void View(IShell shell, Action<LogView> change)
    {
        if (shell.Top.Logs is { } view)
        {
            change(view);
            shell.TableChanged();
        }
    }

    private static void Cursor(IShell shell, Action<LogCursor> move) => View(shell, v => move(v.Cursor));

    private static void NextMatch(IShell shell, int direction) => View(shell, v =>
    {
        if (v.Filter.Pattern is null)
        {
            shell.Say("no filter: / sets one, then n and N step through the lines it matches");
        }
        else if (v.Filter.NextMatch(v.Cursor.Selected, direction) is { } next)
        {
            v.Cursor.Select(next);
            var index = v.Filter.LowerBound(next) + 1;
            shell.Say($"match {CellText.Number(index)} of {CellText.Number(v.Filter.Matches.Count)}");
        }
        else
        {
            shell.Say(direction > 0 ? "no later match (G follows the tail)" : "no earlier match held", error: true);
        }
    });

    private static void ShowJson(IShell shell) => View(shell, v =>
    {
        if (v.Items.Count == 0)
        {
            return;
        }

        var row = v.Items.RowAt(v.Cursor.SelectedIndex);
        if (row.Json is not { } json)
        {
            shell.Say("the selected line is not JSON; k and j select another", error: true);
            return;
        }

        var origin = row.Line.Origin;
        shell.ShowOverlay(new JsonOverlay($"JSON · {origin.ShortAllocationId} {origin.Task}", json.PrettyLines(), Math.Max(3, shell.PageRows - 4)));
    });
}
