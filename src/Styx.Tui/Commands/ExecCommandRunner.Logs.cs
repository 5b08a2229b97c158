using System.Text.RegularExpressions;
using System.Threading.Channels;
using Styx.Cluster.Logs;
using Styx.Cluster.Loki;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Text;

namespace Styx.Tui.Commands;

/// <summary>
/// <c>logs JOB|ALLOC</c> (history, then with <c>--follow</c> every new line until the client hangs up) and
/// <c>query LOGQL</c>, both through the session's <see cref="LogReader"/>. Lines are printed by <see cref="LogLineText"/>.
/// </summary>
internal sealed partial class ExecCommandRunner
{
    private const string LogsUsage = "logs JOB|ALLOC [--task T] [--group G] [--stderr] [--since 1h] [--limit N] [--grep RE] [--follow] [-t] [--json]";
    private const string QueryUsage = "query LOGQL [--since 1h] [--limit N] [-t] [--json]";

    private async Task<int> LogsAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        (var arguments, var problem) = LogsArguments.Parse("logs", LogsUsage, words, LogsArguments.LogsFlags);
        if (arguments is null)
        {
            return await UsageAsync(problem!).ConfigureAwait(false);
        }

        if (await SnapshotAsync(cancellationToken).ConfigureAwait(false) is not { } snapshot)
        {
            return ExitStatus.ClusterError;
        }

        var resolved = await ResolveLogTargetAsync(snapshot, arguments, cancellationToken).ConfigureAwait(false);
        if (resolved.Target is not { } target)
        {
            return await FailAsync(resolved.Status, resolved.Problem!).ConfigureAwait(false);
        }

        if (arguments.Follow)
        {
            return await FollowAsync(target, arguments, resolved.Streams > 1, cancellationToken).ConfigureAwait(false);
        }

        LogHistory history;
        try
        {
            history = await context.Logs.HistoryAsync(target, arguments.Since, arguments.Limit, arguments.Grep, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LogFailure(e) is { } failure)
        {
            return await FailAsync(failure.Status, "logs: " + failure.Message).ConfigureAwait(false);
        }

        // Decided once, so a follow keeps the look the history had: merged streams carry where each line came from.
        var withOrigin = resolved.Streams > 1 || history.Lines.Select(l => (l.Origin.AllocationId, l.Origin.Task)).Distinct().Skip(1).Any();
        if (history.Note is { } note)
        {
            await error.WriteLineAsync("logs: " + ControlCharacters.MakeVisible(note)).ConfigureAwait(false);
        }

        await WriteLinesAsync(history.Lines, arguments, withOrigin).ConfigureAwait(false);
        if (history.Truncated)
        {
            await error.WriteLineAsync($"logs: more lines matched; these are the newest {history.Lines.Count} (--limit shows up to {LogsArguments.MaxLimit})").ConfigureAwait(false);
        }

        return ExitStatus.Ok;
    }

    /// <summary>
    /// Prints the recent lines of <paramref name="target"/> and then every new one until <paramref name="cancellationToken"/>
    /// ends the command (the client hung up or was killed). With Loki, one follow gives both: the history of
    /// <c>--since</c> joined to the live tail with no line twice; without it, Nomad's tail starts with the end of each
    /// task's log (the newest <c>--limit</c> of those are printed). Lines wait in the session's own bounded
    /// <see cref="LogBuffer"/> while the client's window is full; a client that reads too slowly loses the oldest and is
    /// told how many.
    /// </summary>
    private async Task<int> FollowAsync(LogTarget target, LogsArguments arguments, bool withOrigin, CancellationToken cancellationToken)
    {
        var loki = context.Logs.HasLoki;
        if (!loki)
        {
            await error.WriteLineAsync("logs: Loki is not configured: following Nomad from the end of each task's log, which keeps no time per line (--since needs Loki)").ConfigureAwait(false);
        }

        // One pending wake-up is enough: the loop reads everything new at each one.
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        var buffer = new LogBuffer(context.Logs.Options.SessionLines, () => wake.Writer.TryWrite(true));
        var batch = new List<LogLine>();
        var next = 0L;
        string? status = null;
        using var follow = context.Logs.Follow(target, buffer, loki ? LogSource.Loki : LogSource.Nomad, arguments.Since, arguments.Limit);
        while (true)
        {
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            await error.FlushAsync(cancellationToken).ConfigureAwait(false);
            await wake.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);

            // Acknowledge before copying: a line appended after the copy wakes the loop again.
            buffer.Acknowledge();
            batch.Clear();
            var first = buffer.CopySince(next, batch);
            if (next == 0 && !loki && batch.Count > arguments.Limit)
            {
                // Nomad's first lines are the end of each log, as many as it had: --limit bounds that history.
                batch.RemoveRange(0, batch.Count - arguments.Limit);
            }
            else if (first > next)
            {
                await error.WriteLineAsync($"… {first - next} lines dropped (the client read too slowly) …").ConfigureAwait(false);
            }

            next = first + batch.Count;
            if (buffer.Status != status)
            {
                status = buffer.Status;
                await error.WriteLineAsync("logs: " + (status is null ? "live again" : ControlCharacters.MakeVisible(status))).ConfigureAwait(false);
            }

            try
            {
                await WriteLinesAsync(arguments.Grep is { } grep ? batch.Where(l => grep.IsMatch(l.Text)).ToList() : batch, arguments, withOrigin).ConfigureAwait(false);
            }
            catch (RegexMatchTimeoutException e)
            {
                return await FailAsync(ExitStatus.Usage, "logs: " + LogFailure(e)!.Value.Message).ConfigureAwait(false);
            }
        }
    }

    private async Task<int> QueryAsync(IReadOnlyList<string> words, CancellationToken cancellationToken)
    {
        (var arguments, var problem) = LogsArguments.Parse("query", QueryUsage, words, LogsArguments.QueryFlags);
        if (arguments is null)
        {
            return await UsageAsync(problem!).ConfigureAwait(false);
        }

        LogHistory history;
        try
        {
            history = await context.Logs.QueryAsync(arguments.Subject, arguments.Since, arguments.Limit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (LogFailure(e) is { } failure)
        {
            return await FailAsync(failure.Status, "query: " + failure.Message).ConfigureAwait(false);
        }

        if (history.Note is { } note)
        {
            await error.WriteLineAsync("query: " + ControlCharacters.MakeVisible(note)).ConfigureAwait(false);
        }

        var withOrigin = history.Lines.Select(l => (l.Origin.JobId, l.Origin.AllocationId, l.Origin.Task)).Distinct().Skip(1).Any();
        await WriteLinesAsync(history.Lines, arguments, withOrigin).ConfigureAwait(false);
        if (history.Truncated)
        {
            await error.WriteLineAsync($"query: more lines matched; these are the newest {history.Lines.Count} (--limit shows up to {LogsArguments.MaxLimit})").ConfigureAwait(false);
        }

        return ExitStatus.Ok;
    }

    private async Task WriteLinesAsync(IReadOnlyList<LogLine> lines, LogsArguments arguments, bool withOrigin)
    {
        foreach (var line in lines)
        {
            await output.WriteLineAsync(arguments.Json ? LogLineText.Json(line) : LogLineText.Text(line, withOrigin, arguments.Timestamps)).ConfigureAwait(false);
        }
    }

    /// <summary>The exit status and message for a failure of a log source, or null for one that is not (which stays a crash).</summary>
    private static (int Status, string Message)? LogFailure(Exception e) => e switch
    {
        LogSourceUnavailableException => (ExitStatus.ClusterError, ControlCharacters.MakeVisible(e.Message)),
        RegexMatchTimeoutException => (ExitStatus.Usage, $"--grep: the pattern took longer than {LogsArguments.GrepTimeout.TotalMilliseconds:0} ms on one line; make it simpler"),
        // Loki answers 400 to a query it cannot parse or a range it will not serve: the command was typed wrong.
        LokiException { StatusCode: 400 } => (ExitStatus.Usage, ControlCharacters.MakeVisible(e.Message)),
        LokiException or NomadException or HttpRequestException => (ExitStatus.ClusterError, ControlCharacters.MakeVisible(e.Message)),
        _ => null,
    };

    /// <summary>
    /// JOB|ALLOC as <c>logs</c> reads it: a job ID in the addressed namespace, else an allocation ID or unique prefix
    /// (as <c>restart</c> takes it); then <c>--group</c> and <c>--task</c> checked against what the job has.
    /// </summary>
    private async Task<LogTargetResolution> ResolveLogTargetAsync(ClusterSnapshot snapshot, LogsArguments arguments, CancellationToken cancellationToken)
    {
        var subject = arguments.Subject;
        var stream = arguments.Stderr ? LogStream.Stderr : LogStream.Stdout;
        var jobs = snapshot.Jobs.Where(j => j.ID == subject).ToList();
        if (jobs.Count > 1)
        {
            return LogTargetResolution.Failed(ExitStatus.Usage,
                $"logs: job \"{V(subject)}\" is in namespaces {string.Join(", ", jobs.Select(j => V(j.Namespace)).Order(StringComparer.Ordinal))}; name one with --namespace NS");
        }

        AllocationListStub? allocation = null;
        string ns, jobId;
        if (jobs.Count == 1)
        {
            (ns, jobId) = (jobs[0].Namespace, jobs[0].ID);
        }
        else
        {
            var allocations = AllocationsByPrefix(snapshot, subject);
            if (allocations.Count > 1)
            {
                return LogTargetResolution.Failed(ExitStatus.Usage,
                    $"logs: \"{V(subject)}\" is the start of {allocations.Count} allocation IDs ({string.Join(", ", allocations.Take(5).Select(a => a.ID))}{(allocations.Count > 5 ? ", …" : "")}); type more of it");
            }

            if (allocations.Count == 0)
            {
                return LogTargetResolution.Failed(ExitStatus.NotFound,
                    $"logs: no job or allocation \"{V(subject)}\"{(_namespace == Namespace.All ? "" : $" in namespace {V(_namespace)}")}; `jobs` and `allocs` list them");
            }

            allocation = allocations[0];
            (ns, jobId) = (allocation.Namespace, allocation.JobID);
        }

        Job definition;
        try
        {
            definition = snapshot.Definition(ns, jobId) ?? await context.State.GetJobAsync(ns, jobId, cancellationToken).ConfigureAwait(false);
        }
        catch (NomadNotFoundException)
        {
            return LogTargetResolution.Failed(ExitStatus.NotFound, $"logs: job \"{V(jobId)}\" is gone; `jobs` lists them");
        }
        catch (NomadException e)
        {
            return LogTargetResolution.Failed(ExitStatus.ClusterError, "logs: " + V(e.Message));
        }

        var groups = (definition.TaskGroups ?? []).Where(g => allocation is null || g.Name == allocation.TaskGroup).ToList();
        if (arguments.Group is { } group && !groups.Any(g => g.Name == group))
        {
            return LogTargetResolution.Failed(ExitStatus.NotFound, allocation is null
                ? $"logs: job {V(jobId)} has no task group \"{V(group)}\"; its groups: {Names(groups.Select(g => g.Name))}"
                : $"logs: allocation {allocation.ID[..Math.Min(8, allocation.ID.Length)]} is of task group {V(allocation.TaskGroup)}, not \"{V(group)}\"");
        }

        var tasksPerGroup = groups.Where(g => arguments.Group is null || g.Name == arguments.Group)
            .Select(g => (g.Tasks ?? []).Select(t => t.Name).Union(allocation?.TaskStates?.Keys ?? [], StringComparer.Ordinal).ToList())
            .ToList();
        if (arguments.Task is { } task && !tasksPerGroup.Any(tasks => tasks.Contains(task, StringComparer.Ordinal)))
        {
            return LogTargetResolution.Failed(ExitStatus.NotFound,
                $"logs: {(allocation is null ? "job " + V(jobId) : "allocation " + allocation.ID[..Math.Min(8, allocation.ID.Length)])} has no task \"{V(task)}\"; its tasks: {Names(tasksPerGroup.SelectMany(t => t))}");
        }

        var allocationCount = allocation is not null ? 1
            : snapshot.Allocations.Count(a => a.Namespace == ns && a.JobID == jobId && a.ClientStatus == "running" && (arguments.Group is null || a.TaskGroup == arguments.Group));
        var tasksPerAllocation = arguments.Task is not null ? 1 : tasksPerGroup.Select(t => t.Count).DefaultIfEmpty(1).Max();
        var target = new LogTarget(ns, jobId, allocation?.ID, arguments.Group, arguments.Task, stream);
        return new LogTargetResolution(target, allocationCount * tasksPerAllocation, ExitStatus.Ok, null);

        static string Names(IEnumerable<string> names) =>
            names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(V).DefaultIfEmpty("none").Aggregate((a, b) => a + ", " + b);
    }

    /// <param name="Streams">How many task streams the target has now: more than one, and lines say where they came from.</param>
    private sealed record LogTargetResolution(LogTarget? Target, int Streams, int Status, string? Problem)
    {
        public static LogTargetResolution Failed(int status, string problem) => new(null, 0, status, problem);
    }
}
