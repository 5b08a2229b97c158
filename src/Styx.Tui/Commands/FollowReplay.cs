using Styx.Cluster.Logs;

namespace Styx.Tui.Commands;

/// <summary>
/// <c>logs --follow</c> prints the history first, then follows. A follow starts with recent lines (a shared tail hands
/// a late joiner its backlog; a new Nomad tail first reads the end of the file), which the history has mostly printed
/// already. Per stream, this drops followed lines up to and including the history's last line of that stream, so each
/// line prints once and the history's <c>--limit</c> still holds.
/// </summary>
/// <remarks>
/// A stream whose last history line never comes back (more was written between the history read and the follow
/// than the replay covers) is released once what was held is longer than any replay can be: more than the tail
/// backlog's lines and more than the Nomad backlog's bytes. Held lines are references to lines the shared tail holds
/// anyway. A stream without history lines (a new allocation, or none matched) passes straight through. A line that
/// repeats the last history line word for word earlier in the replay ends the catch-up early, so a few lines may
/// print twice; that needs identical lines, which timestamped logs rarely have.
/// </remarks>
internal sealed class FollowReplay
{
    private readonly Dictionary<AllocationLogKey, CatchUp> _catching = [];
    private readonly int _replayLines;
    private readonly int _replayChars;

    /// <param name="history">What was printed before the follow, oldest first.</param>
    public FollowReplay(IReadOnlyList<LogLine> history, LogTailOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        _replayLines = options.TailBacklogLines;
        _replayChars = options.NomadBacklogBytes;
        foreach (var line in history)
        {
            _catching[KeyOf(line.Origin)] = new CatchUp(line.Text);
        }
    }

    /// <summary>Adds to <paramref name="into"/> the lines of <paramref name="followed"/> (in order) that are new.</summary>
    public void Take(IReadOnlyList<LogLine> followed, List<LogLine> into)
    {
        ArgumentNullException.ThrowIfNull(followed);
        ArgumentNullException.ThrowIfNull(into);
        foreach (var line in followed)
        {
            if (_catching.Count == 0)
            {
                into.Add(line);
                continue;
            }

            var key = KeyOf(line.Origin);
            if (!_catching.TryGetValue(key, out var catchUp))
            {
                into.Add(line);
            }
            else if (line.Text == catchUp.LastHistoryLine)
            {
                _catching.Remove(key);
            }
            else
            {
                catchUp.Held.Add(line);
                catchUp.HeldChars += line.Text.Length + 1;
                if (catchUp.Held.Count > _replayLines && catchUp.HeldChars > _replayChars)
                {
                    into.AddRange(catchUp.Held);
                    _catching.Remove(key);
                }
            }
        }
    }

    private static AllocationLogKey KeyOf(LogOrigin origin) => new(origin.AllocationId, origin.Task, origin.Stream);

    private sealed class CatchUp(string lastHistoryLine)
    {
        public string LastHistoryLine { get; } = lastHistoryLine;

        public List<LogLine> Held { get; } = [];

        public long HeldChars { get; set; }
    }
}
