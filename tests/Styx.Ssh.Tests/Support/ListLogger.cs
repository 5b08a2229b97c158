using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Styx.Ssh.Tests.Support;

/// <summary>Keeps every log line in memory so tests can check that hostile input was logged with a reason.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentDictionary<string, LogLevel> _levels = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The level <paramref name="line"/> (as <see cref="WaitForAsync"/> returned it) was logged at.</summary>
    public LogLevel LevelOf(string line) => _levels[line];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var line = formatter(state, exception);
        _levels[line] = logLevel;
        _lines.Enqueue(line);
    }

    /// <summary>Waits briefly for a line containing <paramref name="text"/> (connection tasks log as they end).</summary>
    public async Task<string> WaitForAsync(string text)
    {
        for (var i = 0; i < 100; i++)
        {
            var line = _lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal));
            if (line is not null)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"no log line with '{text}'; lines:\n{string.Join('\n', _lines)}");
    }
}
