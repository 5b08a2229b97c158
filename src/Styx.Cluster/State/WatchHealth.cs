using Microsoft.Extensions.Logging;
using Styx.Cluster.Nomad;

namespace Styx.Cluster.State;

/// <summary>
/// Which of <see cref="ClusterState"/>'s watches are failing, since when and why, turned into the snapshot's
/// <see cref="ConnectionStatus"/>. Each watch's failure is logged once per kind (the same error every few seconds of
/// backoff would drown the log) and its recovery once. Not thread-safe: ClusterState calls it under its lock.
/// </summary>
internal sealed class WatchHealth(ILogger logger)
{
    private readonly SortedDictionary<string, Failure> _failing = new(StringComparer.Ordinal);
    private DateTimeOffset? _lastSuccess;

    public bool IsFailing(string watch) => _failing.ContainsKey(watch);

    public ConnectionStatus Succeeded(string watch, DateTimeOffset now)
    {
        _lastSuccess = now;
        if (_failing.Remove(watch))
        {
            logger.LogInformation("Nomad watch {Watch} recovered", watch);
        }

        return Status();
    }

    /// <param name="context">Put in front of the error's text, e.g. <c>job web: </c>.</param>
    public ConnectionStatus Failed(string watch, Exception error, string context, DateTimeOffset now)
    {
        var message = context + Describe(error);
        var noAnswer = error is NomadUnreachableException or NomadTimeoutException or HttpRequestException;
        if (!_failing.TryGetValue(watch, out var known) || known.Error != message)
        {
            logger.LogWarning("Nomad watch {Watch} failed: {Error}; keeping the last good data and retrying with backoff", watch, message);
        }

        _failing[watch] = new Failure(known?.Since ?? now, message, noAnswer);
        return Status();
    }

    /// <summary>What a failure says, for the log and the status line: Nomad's own message where there is one.</summary>
    public static string Describe(Exception error) => error is NomadException ? error.Message : error.GetType().Name + ": " + error.Message;

    private ConnectionStatus Status()
    {
        if (_failing.Count == 0)
        {
            return _lastSuccess is { } last ? new ConnectionStatus(true, last, null, null) : ConnectionStatus.Connecting;
        }

        var errors = _failing.GroupBy(f => f.Value.Error).Select(g => $"{string.Join(", ", g.Select(f => f.Key))}: {g.Key}");
        return new ConnectionStatus(false, _lastSuccess, _failing.Values.Min(f => f.Since), string.Join("; ", errors))
        {
            NoAnswer = _failing.Values.All(f => f.NoAnswer),
        };
    }

    private sealed record Failure(DateTimeOffset Since, string Error, bool NoAnswer);
}
