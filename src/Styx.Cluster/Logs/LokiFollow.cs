using Microsoft.Extensions.Logging;
using Styx.Cluster.Loki;
using Styx.Cluster.Text;

namespace Styx.Cluster.Logs;

/// <summary>
/// One session following a LogQL query through Loki: its history over the time range asked for, joined seamlessly to
/// the shared live tail (<see cref="LokiQueryTail"/>). Tail lines wait in a staging buffer while the history is read;
/// the history ends where the tail's first line begins (Loki's <c>end</c> is exclusive), so no line is shown twice or
/// missed at the seam. Then every tail line is forwarded as it arrives.
/// </summary>
internal sealed class LokiFollow : IDisposable
{
    private readonly LogBuffer _buffer;
    private readonly LogBuffer _staging;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _leave;
    private readonly LokiQueryTail _tail;
    private bool _live;
    private bool _tailStatusReady;
    private long _forwarded;

    public LokiFollow(LogTails tails, LokiClient loki, LogOriginsFromLabels origins, string query, TimeSpan history, int historyLimit, LogBuffer buffer, TimeProvider time, ILogger logger)
    {
        _buffer = buffer;
        _staging = new LogBuffer(buffer.Capacity, Forward);
        _leave = tails.Follow(new LokiTailKey(query), () => new LokiQueryTail(loki, query, origins, tails.Options, time, logger), _staging, StatusChanged, out var joined);
        _tail = (LokiQueryTail)joined;
        Volatile.Write(ref _tailStatusReady, true);
        StatusChanged();
        _ = JoinAsync(_tail, loki, origins, query, history, historyLimit, logger, _stop.Token);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _leave.Dispose();
        _stop.Dispose();
    }

    private async Task JoinAsync(LokiQueryTail tail, LokiClient loki, LogOriginsFromLabels origins, string query, TimeSpan history, int historyLimit, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            if (history > TimeSpan.Zero)
            {
                // History ends where the tail begins: at its first staged line, or when it opened if none arrived yet.
                var end = _staging[_staging.First] is { } first && _staging.First == 0 ? first.Time : tail.OpenedAt;
                var result = await loki.QueryRangeAsync(query, end - history, end, historyLimit, LokiDirection.Backward, null, cancellationToken).ConfigureAwait(false);
                var lines = LogReader.Lines(result, origins);
                if (lines.Count > 0 && lines[^1].Time >= end)
                {
                    lines = [.. lines.Where(l => l.Time < end)];
                }

                _buffer.Append(lines);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is LokiException or HttpRequestException or IOException)
        {
            _buffer.Status = "Loki history: " + ControlCharacters.MakeVisible(e.Message);
            logger.LogDebug("Loki history of {Query}: {Error}", ControlCharacters.MakeVisible(query), ControlCharacters.MakeVisible(e.Message));
        }

        lock (_lock)
        {
            _live = true;
        }

        Forward();
    }

    /// <summary>Copies the staged tail lines that are new to the session's buffer (after the history is in).</summary>
    private void Forward()
    {
        var lines = new List<LogLine>();
        lock (_lock)
        {
            if (!_live)
            {
                return;
            }

            _staging.Acknowledge();
            _forwarded = _staging.CopySince(_forwarded, lines) + lines.Count;
            _buffer.Append(lines);
        }
    }

    private void StatusChanged() => _buffer.Status = Volatile.Read(ref _tailStatusReady) ? _tail.Status : null;
}
