using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;

namespace Styx.Cluster.Logs;

/// <summary>
/// The two log sources behind one reader (DESIGN.md §5): Nomad's allocation logs, which always work, and Loki, when
/// configured, for history by time, LogQL and its own live tail. Screens and exec commands ask here and never talk to
/// Nomad or Loki themselves. One instance serves every session; following goes through the shared <see cref="LogTails"/>.
/// </summary>
public sealed class LogReader(ClusterState state, LogTails tails, NomadStreams nomad, TimeProvider time, ILogger<LogReader> logger)
{
    public LogTails Tails { get; } = tails;

    public LogTailOptions Options => Tails.Options;

    /// <summary>Whether Loki is configured (history by time range, <c>query</c>, the LogQL line).</summary>
    public bool HasLoki => false;

    /// <summary>
    /// Follows <paramref name="target"/> live into <paramref name="buffer"/> until the result is disposed: through Nomad
    /// (one shared tail per task stream) or Loki (one shared tail per query).
    /// </summary>
    public IDisposable Follow(LogTarget target, LogBuffer buffer, LogSource source = LogSource.Nomad)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (source == LogSource.Loki)
        {
            throw new LogSourceUnavailableException("Loki is not configured: start Styx with --loki-addr (or loki:addr in styx.json)");
        }

        return new NomadLogFollower(state, Tails, target, buffer);
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
    public Task<LogHistory> QueryAsync(string logQL, TimeSpan since, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(logQL);
        _ = since;
        _ = limit;
        cancellationToken.ThrowIfCancellationRequested();
        throw new LogSourceUnavailableException("Loki is not configured: start Styx with --loki-addr (or loki:addr in styx.json)");
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
