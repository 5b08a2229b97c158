using Styx.Cluster.Access;
using Styx.Tui.Screens;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;

namespace Styx.Tui.Shell;

/// <summary>
/// Keys (DESIGN.md §6): arrows and j/k, g/G, PgUp/PgDn, enter in, esc out (never quits), / filter with n/N, : commands
/// with tab completion, ? help, space marks, &lt; &gt; pick the sort column and = reverses it, q or ctrl+c quit.
/// Capital letters act on the cluster (see <see cref="StyxView.TryAction"/>).
/// </summary>
internal sealed partial class StyxView
{
    protected override bool OnKeyDown(Key key)
    {
        if (_overlay is not null)
        {
            HandleOverlayKey(key);
            return true;
        }

        if (_prompt != PromptMode.None)
        {
            HandlePromptKey(key);
            return true;
        }

        var state = Current;
        switch (key.KeyCode)
        {
            case KeyCode.CursorDown:
                MoveSelection(state, +1);
                return true;
            case KeyCode.CursorUp:
                MoveSelection(state, -1);
                return true;
            case KeyCode.PageDown:
            case KeyCode.F | KeyCode.CtrlMask:
                MoveSelection(state, PageRows);
                return true;
            case KeyCode.PageUp:
            case KeyCode.B | KeyCode.CtrlMask:
                MoveSelection(state, -PageRows);
                return true;
            case KeyCode.Home:
                MoveSelection(state, -state.Visible.Count);
                return true;
            case KeyCode.End:
                MoveSelection(state, state.Visible.Count);
                return true;
            case KeyCode.Enter:
                OpenSelected(state);
                return true;
            case KeyCode.Esc:
                Back(state);
                return true;
            case KeyCode.C | KeyCode.CtrlMask:
                App?.RequestStop();
                return true;
        }

        if (key.IsCtrl || key.IsAlt)
        {
            // Unbound chords do nothing (ctrl+z must not reach Terminal.Gui's suspend).
            return true;
        }

        switch ((char)key.AsRune.Value)
        {
            case 'j':
                MoveSelection(state, +1);
                return true;
            case 'k':
                MoveSelection(state, -1);
                return true;
            case 'g':
                MoveSelection(state, -state.Visible.Count);
                return true;
            case 'G':
                MoveSelection(state, state.Visible.Count);
                return true;
            case 'l':
                OpenSelected(state);
                return true;
            case 'h':
                Back(state);
                return true;
            case 'q':
                App?.RequestStop();
                return true;
            case '/':
                _prompt = PromptMode.Filter;
                _promptText = state.Filter;
                SetNeedsDraw();
                return true;
            case ':':
                _prompt = PromptMode.Command;
                _promptText = "";
                SetNeedsDraw();
                return true;
            case '?':
                ShowHelp();
                return true;
            case 'n':
                NextMatch(state, +1);
                return true;
            case 'N':
                NextMatch(state, -1);
                return true;
            case ' ':
                ToggleMark(state);
                return true;
            case '<':
                ChangeSort(state, -1);
                return true;
            case '>':
                ChangeSort(state, +1);
                return true;
            case '=':
                state.SortDescending = !state.SortDescending;
                state.SortColumn ??= 0;
                Rebuild();
                return true;
            case 'r':
                state.LoadedDetail = null;
                Rebuild();
                Say("refreshed");
                return true;
        }

        if (TryAction(key))
        {
            return true;
        }

        // Everything else is swallowed: a stray key must never reach Terminal.Gui's defaults (esc would quit).
        return true;
    }

    private void MoveSelection(ScreenState state, int by)
    {
        if (state.Visible.Count == 0)
        {
            return;
        }

        var next = Math.Clamp(state.Selected + by, 0, state.Visible.Count - 1);
        // Section titles are not rows to act on; step past them in the direction of travel.
        var step = by >= 0 ? 1 : -1;
        while (state.Visible[next].Tone == RowTone.Section && next + step >= 0 && next + step < state.Visible.Count)
        {
            next += step;
        }

        state.Selected = next;
        state.SelectedKey = state.Visible[state.Selected].Key;
        SetNeedsDraw();
    }

    private ScreenRow? SelectedRow(ScreenState state) =>
        state.Selected < state.Visible.Count ? state.Visible[state.Selected] : null;

    private void OpenSelected(ScreenState state)
    {
        if (SelectedRow(state) is { } row && state.Screen.Open(row) is { } next)
        {
            Push(next);
        }
    }

    /// <summary>esc: first clears a filter, then marks, then goes back one screen; on the first screen it stays.</summary>
    private void Back(ScreenState state)
    {
        if (state.Filter.Length > 0)
        {
            state.Filter = "";
            Rebuild();
        }
        else if (state.Marks.Count > 0)
        {
            state.Marks.Clear();
            SetNeedsDraw();
        }
        else if (_stack.Count > 1)
        {
            Pop();
        }
        else
        {
            Say("this is the first screen; q quits");
        }
    }

    private void NextMatch(ScreenState state, int direction)
    {
        if (state.Filter.Length == 0 || state.Visible.Count == 0)
        {
            Say("no filter: / filters the rows, then n and N step through them");
            return;
        }

        // Rows that only carry a section title are not matches; step over them.
        for (var step = 1; step <= state.Visible.Count; step++)
        {
            var index = (((state.Selected + (direction * step)) % state.Visible.Count) + state.Visible.Count) % state.Visible.Count;
            if (state.Visible[index].Tone != RowTone.Section)
            {
                state.Selected = index;
                state.SelectedKey = state.Visible[index].Key;
                SetNeedsDraw();
                return;
            }
        }
    }

    private void ToggleMark(ScreenState state)
    {
        if (!state.Screen.AllowsMarks)
        {
            Say("marks are for bulk actions on the jobs and services screens");
            return;
        }

        if (SelectedRow(state) is { } row && !state.Marks.Remove(row.Key))
        {
            state.Marks.Add(row.Key);
        }

        MoveSelection(state, +1);
        SetNeedsDraw();
    }

    private void ChangeSort(ScreenState state, int direction)
    {
        var count = state.Screen.Columns.Length;
        state.SortColumn = state.SortColumn is { } column ? (column + direction + count) % count : direction > 0 ? 0 : count - 1;
        Rebuild();
    }

    private void HandlePromptKey(Key key)
    {
        var state = Current;
        switch (key.KeyCode)
        {
            case KeyCode.Esc:
                if (_prompt == PromptMode.Filter)
                {
                    state.Filter = "";
                    Rebuild();
                }

                _prompt = PromptMode.None;
                SetNeedsDraw();
                return;
            case KeyCode.Enter:
                var mode = _prompt;
                _prompt = PromptMode.None;
                if (mode == PromptMode.Command)
                {
                    RunCommand(_promptText);
                }

                SetNeedsDraw();
                return;
            case KeyCode.Backspace or KeyCode.Delete:
                _promptText = _promptText.Length > 0 ? _promptText[..^1] : "";
                break;
            case KeyCode.Tab when _prompt == PromptMode.Command:
                var options = Navigation.Complete(_promptText, _snapshot);
                if (options.Count == 1)
                {
                    _promptText = options[0] + (options[0].Contains(' ', StringComparison.Ordinal) ? "" : " ");
                }
                else if (options.Count > 1)
                {
                    _promptText = CommonPrefix(options);
                    Say(string.Join("  ", options.Take(12)) + (options.Count > 12 ? "  …" : ""));
                }

                break;
            default:
                var rune = key.AsRune;
                if (rune.Value >= ' ' && !key.IsCtrl && !key.IsAlt && _promptText.Length < 200)
                {
                    _promptText += rune.ToString();
                }

                break;
        }

        if (_prompt == PromptMode.Filter)
        {
            state.Filter = _promptText;
            ApplyFilterAndSort(state);
        }

        SetNeedsDraw();
    }

    private void RunCommand(string text)
    {
        var word = text.Trim().Split(' ', 2)[0].ToLowerInvariant();
        if (word is "q" or "quit" or "exit")
        {
            App?.RequestStop();
            return;
        }

        if (word is "help" or "h")
        {
            ShowHelp();
            return;
        }

        if (word is "activity" or "audit")
        {
            // The feed is the audit log; ClusterCommands decides who may read it.
            var (result, feed) = _context.Commands.OpenActivity(Caller);
            if (feed is null)
            {
                Say(result.Message, error: true);
            }
            else
            {
                Push(new ActivityScreen(feed));
            }

            return;
        }

        if (_context.ExtraScreens?.GetValueOrDefault(word) is { } extra)
        {
            Push(extra());
            return;
        }

        var (screen, error) = Navigation.FromCommand(text, _snapshot);
        if (screen is not null)
        {
            Push(screen);
        }
        else if (error is not null)
        {
            Say(error, error: true);
        }
    }

    private void ShowHelp()
    {
        var lines = new List<string>
        {
            "↑↓ j k  move        g G  top / bottom      PgUp PgDn  page",
            "enter   open         esc  back (clears filter, marks first)",
            "/       filter       n N  next / previous match",
            ":       command      tab  completes (:jobs :nodes :allocs JOB :services :job NAME :node NAME)",
            "< >     sort column  =    reverse sort      r  reload detail",
            "space   mark rows    ?    this help         q ctrl+c  quit",
        };
        foreach (var (key, what) in Current.Screen.HelpKeys)
        {
            lines.Add($"{key,-7} {what}");
        }

        lines.Add("");
        if (ReadOnly)
        {
            lines.Add("READ-ONLY session: there are no action keys for your role (viewer).");
        }
        else
        {
            lines.Add("Actions (capital letters; each asks first, Cancel is the default):");
            lines.AddRange(ActionHelp());
        }

        _overlay = new HelpOverlay("Keys: " + Current.Screen.Title, lines);
        _onAccept = null;
        SetNeedsDraw();
    }

    private void HandleOverlayKey(Key key)
    {
        var overlay = _overlay!;
        var outcome = overlay.HandleKey(key);
        if (outcome == OverlayOutcome.Open)
        {
            SetNeedsDraw();
            return;
        }

        _overlay = null;
        var accept = _onAccept;
        _onAccept = null;
        if (outcome == OverlayOutcome.Accepted)
        {
            accept?.Invoke();
        }
        else if (accept is not null)
        {
            Say("cancelled");
        }

        SetNeedsDraw();
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
