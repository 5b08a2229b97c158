namespace Styx.Cluster.Logs;

/// <summary>
/// One session's log lines: a ring of at most <see cref="Capacity"/> lines, numbered from zero in the order they arrived.
/// When it is full the oldest line makes room and <see cref="Dropped"/> counts it, so a session that falls behind loses
/// only the oldest lines of its own buffer, is told how many, and never slows the tail that feeds it or any other session.
/// </summary>
/// <remarks>
/// Writers (shared tails, on their own threads) and the reader (the session's UI loop or exec output) meet only under a
/// short lock. <paramref name="changed"/> is called after a write when the reader has not yet asked for what is new
/// (<see cref="Acknowledge"/>), so a burst of 10,000 lines wakes a session once, not 10,000 times.
/// </remarks>
public sealed class LogBuffer(int capacity, Action? changed = null)
{
    private readonly LogLine[] _ring = new LogLine[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "the log buffer needs room for at least one line")];
    private readonly Lock _lock = new();
    private long _next;
    private int _signalled;
    private string? _status;

    public int Capacity => _ring.Length;

    /// <summary>The number the next line will get: every line ever appended counts.</summary>
    public long Next
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    /// <summary>The number of the oldest line still held.</summary>
    public long First
    {
        get
        {
            lock (_lock)
            {
                return Math.Max(0, _next - _ring.Length);
            }
        }
    }

    /// <summary>Lines pushed out by newer ones: exactly <see cref="Next"/> minus what the ring holds.</summary>
    public long Dropped => First;

    /// <summary>Why the sources feeding this buffer are behind (reconnecting, an error text), or null when they are live.</summary>
    public string? Status
    {
        get => Volatile.Read(ref _status);
        set
        {
            if (Interlocked.Exchange(ref _status, value) != value)
            {
                Signal();
            }
        }
    }

    public void Append(LogLine line)
    {
        lock (_lock)
        {
            _ring[_next % _ring.Length] = line;
            _next++;
        }

        Signal();
    }

    public void Append(IReadOnlyList<LogLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (lines.Count == 0)
        {
            return;
        }

        lock (_lock)
        {
            // Only the newest Capacity lines of a batch can survive it; the rest count as dropped straight away.
            var skip = Math.Max(0, lines.Count - _ring.Length);
            _next += skip;
            for (var i = skip; i < lines.Count; i++)
            {
                _ring[_next % _ring.Length] = lines[i];
                _next++;
            }
        }

        Signal();
    }

    /// <summary>The line numbered <paramref name="index"/>, or null when it was dropped or has not arrived.</summary>
    public LogLine? this[long index]
    {
        get
        {
            lock (_lock)
            {
                return index >= Math.Max(0, _next - _ring.Length) && index < _next ? _ring[index % _ring.Length] : null;
            }
        }
    }

    /// <summary>
    /// Copies the held lines numbered <paramref name="from"/> and later into <paramref name="into"/>, and returns the
    /// number of the first one copied (larger than <paramref name="from"/> when lines were dropped in between).
    /// </summary>
    public long CopySince(long from, List<LogLine> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        lock (_lock)
        {
            var first = Math.Max(from, Math.Max(0, _next - _ring.Length));
            for (var i = first; i < _next; i++)
            {
                into.Add(_ring[i % _ring.Length]);
            }

            return first;
        }
    }

    /// <summary>The reader has taken notice: the next write calls <c>changed</c> again.</summary>
    public void Acknowledge() => Volatile.Write(ref _signalled, 0);

    private void Signal()
    {
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            changed?.Invoke();
        }
    }
}
