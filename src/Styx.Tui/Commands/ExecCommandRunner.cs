using System.Text.Json;
using Styx.Cluster.Commands;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Tui.Commands;

/// <summary>
/// One-shot commands over <c>ssh HOST COMMAND</c> (DESIGN.md §6): plain aligned text by default, <c>--json</c> for
/// scripts (Nomad's own shapes, so they round-trip through the client types), errors on stderr and the exit statuses
/// of <see cref="ExitStatus"/>. Every change goes through <see cref="ClusterCommands"/>, the one authorization path.
/// The command families live in the other parts of this class.
/// </summary>
/// <param name="terminal">The session has a pty (<c>ssh -t</c>, or a full terminal): output may use block characters.</param>
internal sealed partial class ExecCommandRunner(SessionContext context, TextWriter output, TextWriter error, bool terminal = false)
{
    /// <summary>The namespace the command addresses: <c>--namespace NS</c> (<c>*</c>: every namespace, for reads), else the session's.</summary>
    private string _namespace = context.Namespace;

    /// <summary>How long a read waits for the first data when the server has just started.</summary>
    private static readonly TimeSpan s_firstDataWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions s_json = new(NomadJson.Options) { WriteIndented = true };

    public const string Help = """
        Styx one-shot commands: ssh HOST COMMAND [--json] [--namespace NS]
          help                     this list
          version                  Styx version
          whoami                   your name, role and key
          status                   cluster health at a glance
          nodes                    nodes with status and eligibility
          jobs                     jobs with status and counts
          job JOB                  one job: groups, allocations, deployment
          allocs [JOB]             allocations, of one job or all
          services                 the platform services
          logs JOB|ALLOC           a job's or allocation's log lines; flags:
            [--task T] [--group G] [--stderr] [--since 1h] [--limit 100]
            [--grep RE] [--follow|-f] [--timestamps|-t]; --json: NDJSON
          query LOGQL              a Loki query [--since 1h] [--limit 100] [-t]
          metrics PROMQL           a Prometheus query: a table, or with
            [--range 1h] [--step 30s] a line per series (sparkline on a tty);
            [--time T] evaluates at T; --json: Prometheus's own answer
          start JOB                start a stopped job                  operator
          stop JOB [--purge]       stop a job (--purge: admin)          operator
          scale JOB GROUP COUNT    set a task group's count             operator
          restart JOB|ALLOC        rolling restart, or one allocation   operator
          drain NODE [--disable]   drain a node, or stop draining       admin
          eligibility NODE on|off  scheduling eligibility               admin
          service start|stop NAME  a platform service                   admin
        Exit status: 0 ok, 1 cluster error, 2 usage error, 3 permission denied,
        4 not found.
        """;

    public async Task<int> RunAsync(string commandLine, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> words;
        try
        {
            words = CommandWords.Split(commandLine);
        }
        catch (FormatException ex)
        {
            return await UsageAsync(ex.Message).ConfigureAwait(false);
        }

        (var withoutNamespace, var problem) = TakeNamespace(words);
        if (problem is not null)
        {
            return await UsageAsync(problem).ConfigureAwait(false);
        }

        words = withoutNamespace;

        // logs, query and metrics take flags with values (--since 15m, --grep RE, --range 1h), so they read their own words.
        var commandAt = withoutNamespace.FindIndex(w => !w.StartsWith('-'));
        if (commandAt >= 0 && withoutNamespace[commandAt] is "logs" or "query" or "metrics")
        {
            var others = withoutNamespace.Where((_, i) => i != commandAt).ToList();
            return withoutNamespace[commandAt] switch
            {
                "logs" => await LogsAsync(others, cancellationToken).ConfigureAwait(false),
                "query" => await QueryAsync(others, cancellationToken).ConfigureAwait(false),
                _ => await MetricsAsync(others, cancellationToken).ConfigureAwait(false),
            };
        }

        var json = words.Contains("--json");
        var purge = words.Contains("--purge");
        var disable = words.Contains("--disable");
        var unknownFlag = words.FirstOrDefault(w => w.StartsWith("--", StringComparison.Ordinal) && w is not ("--json" or "--purge" or "--disable"));
        if (unknownFlag is not null)
        {
            return await UsageAsync($"unknown option {unknownFlag}; `help` lists the commands and options").ConfigureAwait(false);
        }

        var args = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (args.Count == 0)
        {
            return await UsageAsync("no command given; `help` lists them").ConfigureAwait(false);
        }

        var name = args[0];
        var rest = args.Skip(1).ToList();
        return name switch
        {
            "help" => await WriteAsync(Help).ConfigureAwait(false),
            "version" => await ExpectArgs(rest, 0, "version") ?? await VersionAsync(json).ConfigureAwait(false),
            "whoami" => await ExpectArgs(rest, 0, "whoami") ?? await WhoAmIAsync(json).ConfigureAwait(false),
            "status" => await ExpectArgs(rest, 0, "status") ?? await StatusAsync(json, cancellationToken).ConfigureAwait(false),
            "nodes" => await ExpectArgs(rest, 0, "nodes") ?? await NodesAsync(json, cancellationToken).ConfigureAwait(false),
            "jobs" => await ExpectArgs(rest, 0, "jobs") ?? await JobsAsync(json, cancellationToken).ConfigureAwait(false),
            "job" => await ExpectArgs(rest, 1, "job JOB") ?? await JobAsync(rest[0], json, cancellationToken).ConfigureAwait(false),
            "allocs" => rest.Count > 1 ? await UsageAsync("usage: allocs [JOB]").ConfigureAwait(false) : await AllocsAsync(rest.FirstOrDefault(), json, cancellationToken).ConfigureAwait(false),
            "services" => await ExpectArgs(rest, 0, "services") ?? await ServicesAsync(json, cancellationToken).ConfigureAwait(false),
            "start" => await ExpectArgs(rest, 1, "start JOB") ?? await ReportAsync(await context.Commands.StartJobAsync(context.Caller, _namespace, rest[0], cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            "stop" => await ExpectArgs(rest, 1, "stop JOB [--purge]") ?? await ReportAsync(await context.Commands.StopJobAsync(context.Caller, _namespace, rest[0], purge, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            "scale" => await ExpectArgs(rest, 3, "scale JOB GROUP COUNT") ?? await ReportAsync(await context.Commands.ScaleAsync(context.Caller, _namespace, rest[0], rest[1], rest[2], cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            "restart" => await ExpectArgs(rest, 1, "restart JOB|ALLOC") ?? await RestartAsync(rest[0], json, cancellationToken).ConfigureAwait(false),
            "drain" => await ExpectArgs(rest, 1, "drain NODE [--disable]") ?? await ReportAsync(await context.Commands.DrainNodeAsync(context.Caller, rest[0], !disable, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
            "eligibility" => await ExpectArgs(rest, 2, "eligibility NODE on|off") ?? await EligibilityAsync(rest[0], rest[1], json, cancellationToken).ConfigureAwait(false),
            "service" => await ExpectArgs(rest, 2, "service start|stop NAME") ?? await ServiceAsync(rest[0], rest[1], json, cancellationToken).ConfigureAwait(false),
            _ => await UsageAsync($"unknown command \"{name}\"; `help` lists the commands").ConfigureAwait(false),
        };
    }

    /// <summary>Takes <c>--namespace NS</c> or <c>--namespace=NS</c> out of <paramref name="words"/>: the other words, or the problem.</summary>
    private (List<string> Others, string? Problem) TakeNamespace(IReadOnlyList<string> words)
    {
        var rest = new List<string>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            if (words[i].StartsWith("--namespace=", StringComparison.Ordinal))
            {
                _namespace = words[i]["--namespace=".Length..];
            }
            else if (words[i] == "--namespace" && i + 1 < words.Count)
            {
                _namespace = words[++i];
            }
            else if (words[i] == "--namespace")
            {
                _namespace = "";
            }
            else
            {
                rest.Add(words[i]);
            }
        }

        return (rest, _namespace.Length == 0 ? "--namespace needs a name (or * for every namespace)" : null);
    }

    private async Task<int?> ExpectArgs(List<string> rest, int count, string usage) =>
        rest.Count == count ? null : await UsageAsync($"usage: {usage}" + (rest.Count < count ? " (missing argument)" : " (too many arguments)")).ConfigureAwait(false);

    private async Task<int> RestartAsync(string target, bool json, CancellationToken cancellationToken)
    {
        // An allocation ID (or unique prefix of one) restarts that allocation; anything else is a job.
        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var allocations = AllocationsByPrefix(snapshot, target);
        var isJob = snapshot?.Jobs.Any(j => j.ID == target) ?? false;
        var result = !isJob && allocations.Count == 1
            ? await context.Commands.RestartAllocationAsync(context.Caller, allocations[0].ID, cancellationToken).ConfigureAwait(false)
            : await context.Commands.RollingRestartAsync(context.Caller, _namespace, target, new Progress<string>(line => error.WriteLine(line)), cancellationToken).ConfigureAwait(false);
        return await ReportAsync(result, json).ConfigureAwait(false);
    }

    /// <summary>
    /// The allocations whose ID starts with <paramref name="prefix"/>, for the commands that take JOB|ALLOC. A prefix
    /// needs at least four characters, so a short job name is never taken for the start of an allocation ID.
    /// </summary>
    private static List<AllocationListStub> AllocationsByPrefix(ClusterSnapshot? snapshot, string prefix) =>
        snapshot is null || prefix.Length < 4 ? [] : snapshot.Allocations.Where(a => a.ID.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private async Task<int> EligibilityAsync(string node, string value, bool json, CancellationToken cancellationToken)
    {
        bool? eligible = value switch { "on" or "eligible" => true, "off" or "ineligible" => false, _ => null };
        return eligible is null
            ? await UsageAsync($"eligibility takes on or off, not \"{value}\"").ConfigureAwait(false)
            : await ReportAsync(await context.Commands.SetEligibilityAsync(context.Caller, node, eligible.Value, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false);
    }

    private async Task<int> ServiceAsync(string verb, string name, bool json, CancellationToken cancellationToken) => verb switch
    {
        "start" => await ReportAsync(await context.Commands.StartPlatformServiceAsync(context.Caller, name, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
        "stop" => await ReportAsync(await context.Commands.StopPlatformServiceAsync(context.Caller, name, cancellationToken).ConfigureAwait(false), json).ConfigureAwait(false),
        _ => await UsageAsync($"usage: service start|stop NAME (not \"{verb}\")").ConfigureAwait(false),
    };

    /// <summary>A command's result: the message on stdout (or stderr on failure) and its exit status.</summary>
    private async Task<int> ReportAsync(CommandResult result, bool json)
    {
        var status = result.Outcome switch
        {
            CommandOutcome.Succeeded => ExitStatus.Ok,
            CommandOutcome.Refused => ExitStatus.PermissionDenied,
            CommandOutcome.Invalid => ExitStatus.Usage,
            CommandOutcome.NotFound => ExitStatus.NotFound,
            _ => ExitStatus.ClusterError,
        };
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new { outcome = result.Outcome.ToString().ToLowerInvariant(), message = result.Message }, s_json)).ConfigureAwait(false);
        }

        if (result.Succeeded)
        {
            if (!json)
            {
                await output.WriteLineAsync(result.Message).ConfigureAwait(false);
            }
        }
        else
        {
            await error.WriteLineAsync(result.Message).ConfigureAwait(false);
        }

        return status;
    }

    /// <summary>The current snapshot once it holds data; null (after saying why) when Nomad has not answered yet.</summary>
    private async Task<ClusterSnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        var deadline = context.Time.GetUtcNow() + s_firstDataWait;
        while (!context.State.CurrentIn(_namespace).IsComplete && context.Time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), context.Time, cancellationToken).ConfigureAwait(false);
        }

        var snapshot = context.State.CurrentIn(_namespace);
        if (snapshot.IsComplete)
        {
            return snapshot;
        }

        await error.WriteLineAsync(snapshot.Connection.LastError is { } problem
            ? $"Nomad {snapshot.Connection.Problem} since {snapshot.Connection.UnreachableSince:HH:mm:ss}: {problem}"
            : "no data from Nomad yet; try again in a moment").ConfigureAwait(false);
        return null;
    }

    private async Task<int> WriteAsync(string text)
    {
        await output.WriteAsync(text.EndsWith('\n') ? text : text + "\n").ConfigureAwait(false);
        return ExitStatus.Ok;
    }

    private async Task<int> WriteJsonAsync<T>(T value)
    {
        await output.WriteLineAsync(JsonSerializer.Serialize(value, s_json)).ConfigureAwait(false);
        return ExitStatus.Ok;
    }

    private async Task<int> UsageAsync(string message)
    {
        await error.WriteLineAsync(message).ConfigureAwait(false);
        return ExitStatus.Usage;
    }

    private async Task<int> FailAsync(int status, string message)
    {
        await error.WriteLineAsync(message).ConfigureAwait(false);
        return status;
    }
}
