using Styx.Cluster.Logs;
using Styx.Cluster.State;

namespace Styx.Tui.Shell.Logs;

/// <summary>
/// What one open Logs screen holds while it is on the navigation stack: the session's own <see cref="LogBuffer"/>, the
/// live follow feeding it, the prepared lines, the filter, the cursor and the toggles. It is used on the UI thread
/// only; the buffer's wake-up (from the tails' threads) reaches it through <c>arrived</c>, which the host posts to the
/// UI loop, where <see cref="Pull"/> takes everything new at once: one pull and at most one frame per wake-up, however
/// many lines came.
/// </summary>
/// <param name="arrived">Called from any thread when the buffer has news; the caller posts a <see cref="Pull"/> to the UI loop.</param>
internal sealed class LogView : IDisposable
{
    private readonly LogReader _reader;
    private readonly ClusterState _state;
    private readonly Action _arrived;
    private readonly HashSet<LogOrigin> _origins = new(ReferenceEqualityComparer.Instance);
    private LogBuffer _buffer = null!;
    private IDisposable? _follow;
    private bool _disposed;

    public LogView(LogTarget target, LogReader reader, ClusterState state, TimeZoneInfo timeZone, Action arrived)
    {
        _reader = reader;
        _state = state;
        _arrived = arrived;
        TimeZone = timeZone;
        Target = target;
        Open();
    }

    /// <summary>What is followed now (the stream switch changes it).</summary>
    public LogTarget Target { get; private set; }

    /// <summary>Where the lines come from: Nomad's live tails, or Loki (its history of <see cref="Range"/> joined to its live tail).</summary>
    public LogSource Source { get; private set; } = LogSource.Nomad;

    /// <summary>In Loki mode, how far back the history reaches before the live tail.</summary>
    public TimeSpan Range { get; private set; }

    /// <summary>In Loki mode, the LogQL line (builder and text) that is followed; null in Nomad mode.</summary>
    public LogQueryLine? Query { get; private set; }

    public TimeZoneInfo TimeZone { get; }

    public LogLines Lines { get; private set; } = null!;

    public LogFilter Filter { get; } = new();

    public LogItems Items { get; private set; } = null!;

    public LogCursor Cursor { get; private set; } = null!;

    public bool Wrap { get; set; }

    public bool Timestamps { get; private set; }

    /// <summary>Lines the session's buffer dropped to make room (exact; see <see cref="LogBuffer.Dropped"/>).</summary>
    public long Dropped => _buffer.Dropped;

    /// <summary>Why the source is behind (reconnecting, no running allocation), or null while it is live.</summary>
    public string? Status => _buffer.Status;

    /// <summary>
    /// Whether lines are marked with their allocation and task: when the target has more than one stream now, or lines
    /// from more than one have arrived (a job's allocations as one merged tail, anchors.md §2 item 6).
    /// </summary>
    public bool ManyStreams { get; private set; }

    /// <summary>The widest task name seen, so the marks line up.</summary>
    public int TaskWidth { get; private set; }

    /// <summary>Takes the lines that arrived since the last pull; true when the view changed.</summary>
    public bool Pull()
    {
        if (_disposed)
        {
            return false;
        }

        // Acknowledged first: a line written while this pull copies wakes the session again rather than being missed.
        _buffer.Acknowledge();
        var changed = Lines.Pull(_buffer, Timestamps, row =>
        {
            Filter.Added(row);
            if (!ManyStreams && _origins.Add(row.Line.Origin) && _origins.Count > 1)
            {
                ManyStreams = true;
            }

            TaskWidth = Math.Max(TaskWidth, Math.Min(20, row.Line.Origin.Task.Length));
        });
        Filter.DroppedBefore(Lines.First);
        Cursor.Refresh();
        return changed;
    }

    /// <summary>Sets the filter's pattern (null clears it) and tests the held lines against it.</summary>
    public void SetFilter(System.Text.RegularExpressions.Regex? pattern)
    {
        Filter.Set(pattern, Lines);
        Cursor.Refresh();
    }

    /// <summary>esc: clears the filter when there is one (true), so a second esc leaves the screen.</summary>
    public bool ClearFilter()
    {
        if (Filter.Pattern is null)
        {
            return false;
        }

        SetFilter(null);
        return true;
    }

    /// <summary><c>t</c>: timestamps on or off; JSON lines are prepared again (their own time key shows only without).</summary>
    public void ToggleTimestamps()
    {
        Timestamps = !Timestamps;
        Lines.PrepareAll(Timestamps);
        Filter.Set(Filter.Pattern, Lines);
        Cursor.Refresh();
    }

    /// <summary>
    /// <c>s</c>: follows the other stream (stdout ↔ stderr) from its start, keeping the filter. In Loki mode it is the
    /// builder's stream matcher that changes; false (nothing changes) when the builder is off.
    /// </summary>
    public bool SwitchStream()
    {
        var stream = Target.Stream == LogStream.Stdout ? LogStream.Stderr : LogStream.Stdout;
        if (Query is { } line && !line.Edit(q => LogQueryLine.WithLabel(q, _reader.Labels.Names.Stream, stream == LogStream.Stderr ? "stderr" : "stdout")))
        {
            return false;
        }

        Target = Target with { Stream = stream };
        Reopen();
        return true;
    }

    /// <summary>
    /// <c>1</c>–<c>5</c>: Loki's lines of the last <paramref name="range"/> joined to its live tail. Entering Loki mode
    /// starts the LogQL line from the target's own selector; changing the range keeps the query.
    /// </summary>
    public void ShowLoki(TimeSpan range)
    {
        if (Source != LogSource.Loki)
        {
            Source = LogSource.Loki;
            Query = new LogQueryLine(_reader.Labels.Query(Target));
        }

        Range = range;
        Reopen();
    }

    /// <summary><c>0</c>: back to Nomad's live tails of the target.</summary>
    public void ShowNomad()
    {
        Source = LogSource.Nomad;
        Query = null;
        Range = TimeSpan.Zero;
        Reopen();
    }

    /// <summary>The LogQL line changed (typed or a builder edit): follow its text again over the same range.</summary>
    public void QueryChanged() => Reopen();

    public void Dispose()
    {
        _disposed = true;
        _follow?.Dispose();
    }

    /// <summary>A new buffer and follow for the changed source, keeping the filter (its matches are found again).</summary>
    private void Reopen()
    {
        _follow?.Dispose();
        Open();
        Filter.Set(Filter.Pattern, Lines);

        // What the new buffer already has (a shared tail's recent lines) shows in this frame, not the next wake-up's.
        Pull();
    }

    private void Open()
    {
        _buffer = new LogBuffer(_reader.Options.SessionLines, _arrived);
        Lines = new LogLines(_buffer.Capacity);
        Items = new LogItems(Lines, Filter);
        Cursor = new LogCursor(Items);
        _origins.Clear();
        ManyStreams = NomadLogFollower.Streams(_state.CurrentIn(Target.Namespace), Target).Skip(1).Any();
        _follow = Query is { } query
            ? _reader.FollowQuery(query.Text, Range, _buffer)
            : _reader.Follow(Target, _buffer, LogSource.Nomad);
    }
}
