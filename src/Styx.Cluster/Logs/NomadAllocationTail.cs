using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;
using Styx.Cluster.State;
using Styx.Cluster.Text;

namespace Styx.Cluster.Logs;

/// <summary>
/// Follows one task's stdout or stderr through Nomad's <c>/v1/client/fs/logs</c> (cluster-apis.md §1.5): first the
/// last <see cref="LogTailOptions.NomadBacklogBytes"/> bytes (origin end), then everything after. When the stream
/// breaks it resumes from the byte after the last one read, so no line is lost or repeated across a reconnect.
/// </summary>
internal sealed class NomadAllocationTail(
    NomadStreams streams,
    LogOrigin origin,
    LogTailOptions options,
    TimeProvider time,
    ILogger logger)
    : SharedLogTail(options.TailBacklogLines, time, logger)
{
    public override string Description => $"Nomad logs of {origin.ShortAllocationId}/{origin.Task} {Type}";

    private string Type => origin.Stream == LogStream.Stderr ? "stderr" : "stdout";

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        var random = new Random();
        var backoff = Backoff.Default(random);

        // Nomad ends a follow without an error when the task is not running (yet, or any more): look again soon, but
        // not in a tight loop. Errors back off further (up to 30 s), as the cluster watch does.
        var ended = new Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2), random);
        long? resumeAt = null;

        // Kept across reconnects: a line begun before a break is completed by the bytes after it.
        var splitter = new LineSplitter();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var before = resumeAt;
                resumeAt = await FollowAsync(splitter, resumeAt, backoff, cancellationToken).ConfigureAwait(false);
                if (resumeAt != before)
                {
                    ended.Reset();
                }

                // Nomad ended the stream (the task stopped, or the agent closed it): try again soon from where we were.
                SetStatus(null);
                backoff.Reset();
                await Task.Delay(ended.Next(), Time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NomadException or HttpRequestException or IOException or System.Text.Json.JsonException)
            {
                SetStatus(ControlCharacters.MakeVisible(e.Message));
                Logger.LogDebug("{Tail}: {Error}", Description, ControlCharacters.MakeVisible(e.Message));
            }

            await Task.Delay(backoff.Next(), Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads one connection's frames; returns the offset after the last byte read.</summary>
    private async Task<long?> FollowAsync(LineSplitter splitter, long? resumeAt, Backoff backoff, CancellationToken cancellationToken)
    {
        var lines = new List<LogLine>();
        var (originName, offset) = resumeAt is { } at ? ("start", at) : ("end", (long)options.NomadBacklogBytes);

        // Read from the end, the first bytes are probably the tail of a line whose start was not read: skip to the next line.
        var skipPartialLine = resumeAt is null;
        await foreach (var frame in streams.StreamLogsAsync(origin.AllocationId, origin.Task, Type, follow: true, originName, offset, cancellationToken).ConfigureAwait(false))
        {
            SetStatus(null);
            backoff.Reset();
            if (frame.FileEvent is "file truncated" or "file deleted")
            {
                // The file was rotated or truncated: Nomad continues with the next file from its start.
                splitter.Flush(Add);
                resumeAt = 0;
            }

            if (frame.Data is not { Length: > 0 } data)
            {
                continue;
            }

            var bytes = data.AsSpan();
            if (skipPartialLine && frame.Offset > 0)
            {
                var firstEnd = bytes.IndexOf((byte)'\n');
                if (firstEnd < 0)
                {
                    resumeAt = frame.Offset + data.Length;
                    continue;
                }

                bytes = bytes[(firstEnd + 1)..];
            }

            skipPartialLine = false;

            splitter.Feed(bytes, Add);
            resumeAt = frame.Offset + data.Length;
            Publish(lines);
            lines.Clear();
        }

        return resumeAt;

        void Add(string text) => lines.Add(new LogLine(origin, Time.GetUtcNow(), text));
    }
}
