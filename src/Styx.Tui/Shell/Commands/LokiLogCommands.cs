using Styx.Cluster.Loki;
using Styx.Tui.Screens;
using Styx.Tui.Shell.Logs;

namespace Styx.Tui.Shell.Commands;

/// <summary>
/// The Logs screen's Loki keys (DESIGN.md §5): <c>1</c>–<c>5</c> reopen the view on Loki's history of a time range
/// joined to its live tail, <c>0</c> goes back to Nomad live, and the LogQL line is edited as text (<c>L</c>) or
/// through its builder (<c>+</c>, <c>-</c>, <c>|</c>; <c>s</c> changes its stream matcher, in LogCommands).
/// </summary>
internal static class LokiLogCommands
{
    private const TargetKinds Here = TargetKinds.LogLine;

    private const string NoLoki = "Loki is not configured: start Styx with --loki-addr (history by time needs Loki)";

    public static IEnumerable<ShellCommand> All =>
    [
        Range("1", TimeSpan.FromMinutes(5)),
        Range("2", TimeSpan.FromMinutes(15)),
        Range("3", TimeSpan.FromHours(1)),
        Range("4", TimeSpan.FromHours(6)),
        Range("5", TimeSpan.FromHours(24)),
        new()
        {
            Keys = ["0"], Targets = Here, Help = "back to Nomad live (no history by time)",
            Run = (s, _) => View(s, v =>
            {
                if (v.Query is null)
                {
                    s.Say("already following Nomad live; 1–5 show Loki's history of 5m to 24h");
                    return;
                }

                v.ShowNomad();
                s.Say("following Nomad live");
            }),
        },
        new()
        {
            Keys = ["L"], Targets = Here, Hint = true, Help = "LogQL query text to edit (Loki mode)",
            Run = (s, _) => Loki(s, (v, line) => s.OpenPrompt(PromptMode.LogQuery, line.Text)),
        },
        new()
        {
            Keys = ["+"], Targets = Here, Help = "add a line filter |= \"text\" (LogQL)",
            Run = (s, _) => Builder(s, (v, _) => s.OpenPrompt(PromptMode.LogLineFilter)),
        },
        new()
        {
            Keys = ["-"], Targets = Here, Help = "remove the last line filter (LogQL)",
            Run = (s, _) => Builder(s, (v, query) =>
            {
                if (query.Filters.Count == 0)
                {
                    s.Say("the query has no line filter; + adds one", error: true);
                    return;
                }

                Change(s, v, q => q with { Filters = [.. q.Filters.Take(q.Filters.Count - 1)] });
            }),
        },
        new()
        {
            Keys = ["|"], Targets = Here, Help = "the | json stage on / off (LogQL)",
            Run = (s, _) => Builder(s, (v, _) => Change(s, v, q => q with { Json = !q.Json })),
        },
    ];

    /// <summary>The <c>L</c> prompt was submitted: the text is followed, with the builder if it parses, else as it is.</summary>
    public static void ApplyQuery(IShell shell, string text)
    {
        if (shell.Top.Logs is not { Query: { } line } view || text.Trim().Length == 0)
        {
            return;
        }

        line.SetText(text.Trim());
        view.QueryChanged();
        shell.Say(line.Error is null ? "following the query" : "the builder cannot hold this text; it runs as typed", error: line.Error is not null);
    }

    /// <summary>The <c>+</c> prompt was submitted: a <c>|= "text"</c> filter goes at the end of the line filters.</summary>
    public static void AddLineFilter(IShell shell, string text)
    {
        if (text.Length == 0 || shell.Top.Logs is not { } view)
        {
            return;
        }

        Change(shell, view, q => q with { Filters = [.. q.Filters, new LineFilter("|=", text)] });
    }

    private static ShellCommand Range(string key, TimeSpan range) => new()
    {
        Keys = [key], Targets = Here, Help = $"last {LogPainter.RangeText(range)} from Loki, then live",
        Run = (s, _) => View(s, v =>
        {
            if (!s.Session.Logs.HasLoki)
            {
                s.Say(NoLoki, error: true);
                return;
            }

            v.ShowLoki(range);
            s.Say($"Loki: the last {LogPainter.RangeText(range)} then live; L edits the query, 0 goes back to Nomad live");
        }),
    };

    /// <summary>A builder edit: the text is rewritten from the builder and followed again.</summary>
    private static void Change(IShell shell, LogView view, Func<LogQuery, LogQuery> change)
    {
        if (view.Query is { } line && line.Edit(change))
        {
            view.QueryChanged();
            shell.Say("following " + line.Text);
        }
    }

    private static void View(IShell shell, Action<LogView> change)
    {
        if (shell.Top.Logs is { } view)
        {
            change(view);
            shell.TableChanged();
        }
    }

    /// <summary>Runs <paramref name="use"/> in Loki mode; else says how to get there.</summary>
    private static void Loki(IShell shell, Action<LogView, LogQueryLine> use) => View(shell, v =>
    {
        if (v.Query is { } line)
        {
            use(v, line);
        }
        else
        {
            shell.Say(shell.Session.Logs.HasLoki ? "the LogQL query is for Loki mode: 1–5 show Loki's history then live" : NoLoki, error: true);
        }
    });

    /// <summary>Runs <paramref name="use"/> when the builder holds the query; else says the text has to be edited.</summary>
    private static void Builder(IShell shell, Action<LogView, LogQuery> use) => Loki(shell, (v, line) =>
    {
        if (line.Query is { } query)
        {
            use(v, query);
        }
        else
        {
            shell.Say($"the builder is off: the query text does not parse ({line.Error}); L edits the text", error: true);
        }
    });
}
