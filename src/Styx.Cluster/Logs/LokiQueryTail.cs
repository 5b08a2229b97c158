using Microsoft.Extensions.Logging;
using Styx.Cluster.Loki;
using Styx.Cluster.Text;

namespace Styx.Cluster.Logs;

/// <summary>
/// One LogQL query followed live through Loki's WebSocket tail (cluster-apis.md §2), shared by every session that
/// follows the same query. It asks for nothing older than the moment it opened: older lines are history, which each
/// session reads for itself (<see cref="LokiFollow"/>) and joins to this tail's first line. The client reconnects from
/// the last timestamp across a drop; while it is down the followers see why.
/// </summary>
internal sealed class LokiQueryTail(LokiClient loki, string query, LogOriginsFromLabels origins, LogTailOptions options, TimeProvider time, ILogger logger)
    : SharedLogTail(options.TailBacklogLines, time, logger)
{
    /// <summary>Lines older than this are not in the tail: history ends here.</summary>
    public DateTimeOffset OpenedAt { get; } = time.GetUtcNow();

    public override string Description => "Loki tail " + query;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var batch in loki.TailAsync(query, OpenedAt, options.TailBacklogLines, cancellationToken).ConfigureAwait(false))
            {
                if (batch.Error is { } error)
                {
                    SetStatus("Loki: " + ControlCharacters.MakeVisible(error));
                    continue;
                }

                SetStatus(batch.Dropped > 0 ? $"Loki dropped {batch.Dropped} lines (its tail could not keep up)" : null);
                Publish([.. batch.Entries.Select(e => new LogLine(origins.For(e.Labels), e.Time, e.Line))]);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the last follower left.
        }
        catch (LokiException e)
        {
            // Loki refused the query itself (a 4xx): retrying cannot help, so the followers see Loki's own words.
            SetStatus("Loki refused the query: " + ControlCharacters.MakeVisible(e.Message));
        }
    }
}
