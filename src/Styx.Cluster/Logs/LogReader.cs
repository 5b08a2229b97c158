using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Loki;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Cluster.Logs;

/// <summary>
/// The two log sources behind one reader (DESIGN.md §5): Nomad's allocation logs, which always work, and Loki, when
/// configured, for history by time, LogQL and its own live tail. Screens and exec commands ask here and never talk to
/// Nomad or Loki themselves. One instance serves every session; following goes through the shared <see cref="LogTails"/>.
/// </summary>
/// <param name="loki">The Loki client, or null when Loki is not configured.</param>
/// <param name="lokiLabels">The label names of the deployment's Promtail job (defaults when null).</param>
public sealed class LogReader(ClusterState state, LogTails tails, NomadStreams nomad, LokiClient? loki, LokiLabelNames? lokiLabels, TimeProvider time, ILogger<LogReader> logger)
{
    /// <summary>Loki refuses a larger limit (<c>max_entries_limit_per_query</c>, 5000 by default).</summary>
    public const int LokiMaxLimit = 5000;

    private const string NoLoki = "Loki is not configured: start Styx with --loki-addr URL (or loki:addr in styx.json)";

    public LogTails Tails { get; } = tails;

    public LogTailOptions Options => Tails.Options;

    /// <summary>Labels to origins and targets to selectors, with the configured label names.</summary>
    public LogOriginsFromLabels Labels { get; } = new(lokiLabels ?? new LokiLabelNames());

    /// <summary>Whether Loki is configured (history by time range, <c>query</c>, the LogQL line).</summary>
    public bool HasLoki => loki is not null;

    /// <summary>
    /// Follows <paramref name="target"/> live into <paramref name="buffer"/> until the result is disposed: through Nomad
    /// (one shared tail per task stream, starting with the end of each task's log) or Loki (one shared tail per query,
    /// after the newest <paramref name="historyLimit"/> lines of the last <paramref name="history"/>, joined without a gap
    /// or a repeat; 0: as many as the buffer holds, up to Loki's limit).
    /// </summary>
    /// <exception cref="LogSourceUnavailableException">Loki was asked for and is not configured.</exception>
    public IDisposable Follow(LogTarget target, LogBuffer buffer, LogSource source = LogSource.Nomad, TimeSpan history = default, int historyLimit = 0)
    {
        ArgumentNullException.ThrowIfNull(target);
        return source == LogSource.Loki
            ? FollowQuery(Labels.Query(target).ToLogQL(), history, buffer, historyLimit)
            : new NomadLogFollower(state, Tails, target, buffer);
    }

    /// <summary>
    /// Follows a LogQL log query through Loki into <paramref name="buffer"/>: first its lines of the last
    /// <paramref name="history"/> (none for zero), then the shared live tail, joined without a gap or a repeat.
    /// </summary>
    /// <exception cref="LogSourceUnavailableException">Loki is not configured.</exception>
    public IDisposable FollowQuery(string logQL, TimeSpan history, LogBuffer buffer, int historyLimit = 0)
    {
        ArgumentNullException.ThrowIfNull(logQL);
        ArgumentNullException.ThrowIfNull(buffer);
        var client = loki ?? throw new LogSourceUnavailableException(NoLoki);
        var limit = Math.Min(LokiMaxLimit, historyLimit > 0 ? Math.Min(historyLimit, buffer.Capacity) : buffer.Capacity);
        return new LokiFollow(Tails, client, Labels, logQL, history, limit, buffer, time, logger);
    }

    /// <summary>
    /// The lines of <paramref name="target"/> written in the last <paramref name="since"/>, oldest first, at most
    /// <paramref name="limit"/> (the newest), keeping only lines <paramref name="grep"/> matches. From Loki when
    /// configured; else from the end of each task's Nomad log, which has no time per line (the result's note says so).
    /// </summary>
    public async Task<LogHistory> HistoryAsync(LogTarget target, TimeSpan since, int limit, Regex? grep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        if (loki is not null)
        {
            // Loki filters with RE2; the same pattern is checked here too, so a line Loki matched differently never shows.
            var query = Labels.Query(target) with { Filters = grep is null ? [] : [new LineFilter("|~", grep.ToString())] };
            var found = await QueryAsync(query.ToLogQL(), since, limit, cancellationToken).ConfigureAwait(false);
            return grep is null ? found : found with { Lines = [.. found.Lines.Where(l => grep.IsMatch(l.Text))] };
        }

        var snapshot = state.CurrentIn(target.Namespace);
        var streams = NomadLogFollower.Streams(snapshot, target).ToList();
        var lines = new List<LogLine>();
        var truncated = false;
        foreach (var origin in streams)
        {
            var read = await ReadNomadTailAsync(origin, cancellationToken).ConfigureAwait(false);
            var kept = grep is null ? read : read.Where(l => grep.IsMatch(l.Text)).ToList();
            if (kept.Count > limit)
            {
                truncated = true;
                kept = kept.Skip(kept.Count - limit).ToList();
            }

            lines.AddRange(kept);
        }

        if (lines.Count > limit)
        {
            truncated = true;
            lines = lines.Skip(lines.Count - limit).ToList();
        }

        var note = $"Loki is not configured: these are the last lines of each task's Nomad log, which keeps no time per line (--since {DurationText(since)} needs Loki)";
        return new LogHistory(lines, truncated, LogSource.Nomad, note);
    }

    /// <summary>Runs a LogQL log query against Loki over the last <paramref name="since"/>.</summary>
    /// <exception cref="LogSourceUnavailableException">Loki is not configured.</exception>
    /// <exception cref="LokiException">Loki refused the query (its own text: a parse error, a limit) or failed.</exception>
    public async Task<LogHistory> QueryAsync(string logQL, TimeSpan since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logQL);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var client = loki ?? throw new LogSourceUnavailableException(NoLoki);
        var end = time.GetUtcNow();
        var result = await client.QueryRangeAsync(logQL, end - since, end, Math.Min(limit, LokiMaxLimit), LokiDirection.Backward, null, cancellationToken).ConfigureAwait(false);
        var lines = Lines(result, Labels);
        return new LogHistory(lines, lines.Count >= Math.Min(limit, LokiMaxLimit), LogSource.Loki);
    }

    /// <summary>
    /// A query result's lines, oldest first (streams merged by timestamp). A metric query's samples become one line each,
    /// <c>{labels} value</c>, so <c>query</c> can show them too.
    /// </summary>
    internal static List<LogLine> Lines(LokiQueryResult result, LogOriginsFromLabels origins)
    {
        var lines = new List<LogLine>();
        foreach (var stream in result.Streams)
        {
            lines.AddRange(stream.Entries.Select(e => new LogLine(origins.For(stream.Labels), e.Time, e.Line)));
        }

        foreach (var series in result.Series)
        {
            var labels = "{" + string.Join(", ", series.Metric.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new LabelMatcher(l.Key, "=", l.Value))) + "}";
            lines.AddRange(series.Samples.Select(s => new LogLine(origins.For(series.Metric), s.Time, $"{labels} {s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        }

        // Stable: lines of one stream with the same timestamp keep Loki's order.
        return [.. lines.OrderBy(l => l.Time)];
    }

    /// <summary>The end of one task's log as Nomad has it (the last <see cref="LogTailOptions.NomadBacklogBytes"/>), read once.</summary>
    private async Task<List<LogLine>> ReadNomadTailAsync(LogOrigin origin, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        var splitter = new LineSplitter();
        var now = time.GetUtcNow();
        var first = true;
        var type = origin.Stream == LogStream.Stderr ? "stderr" : "stdout";
        try
        {
            await foreach (var frame in nomad.StreamLogsAsync(origin.AllocationId, origin.Task, type, follow: false, "end", Options.NomadBacklogBytes, cancellationToken).ConfigureAwait(false))
            {
                if (frame.Data is not { Length: > 0 } data)
                {
                    continue;
                }

                var bytes = data.AsSpan();
                if (first && frame.Offset > 0)
                {
                    // Read from the end: the first bytes are probably the tail of a line whose start was not read.
                    var end = bytes.IndexOf((byte)'\n');
                    bytes = end < 0 ? [] : bytes[(end + 1)..];
                }

                first = false;
                splitter.Feed(bytes, Add);
            }

            splitter.Flush(Add);
        }
        catch (NomadNotFoundException e)
        {
            // The allocation was garbage-collected between the snapshot and the read: nothing to show for it.
            logger.LogDebug("Logs of {Allocation}/{Task}: {Error}", origin.ShortAllocationId, origin.Task, e.Message);
        }

        return lines;

        void Add(string text) => lines.Add(new LogLine(origin, now, text));
    }

    private static string DurationText(TimeSpan span) =>
        span.TotalHours >= 1 && span.TotalHours % 1 == 0 ? $"{span.TotalHours:0}h" : $"{span.TotalMinutes:0}m";
}
