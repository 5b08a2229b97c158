using System.Diagnostics;
using System.Text;
using Renci.SshNet;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// One full-screen session through an SSH.NET shell stream, recording when output arrives and how many bytes: the
/// benchmark's view of a terminal. Frames arrive as one write each (the session's frame queue), so the first bytes
/// after a key mark the frame.
/// </summary>
internal sealed class TerminalSession : IDisposable
{
    private readonly SshClient _client;
    private readonly ShellStream _shell;
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource<long>? _nextOutput;
    private (string Text, TaskCompletionSource<long> Arrived)? _expected;
    private (string Text, TaskCompletionSource<long> Arrived)? _awaitedOnScreen;
    private readonly ScreenGrid _grid;
    private readonly StringBuilder _sinceKey = new();
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private char[] _chars = new char[64 * 1024];

    private char[] EnsureChars(int bytes)
    {
        if (_chars.Length < bytes + 4)
        {
            _chars = new char[bytes + 4];
        }

        return _chars;
    }
    private long _bytes;
    private long _lastOutput = Stopwatch.GetTimestamp();
    private readonly long _opened = Stopwatch.GetTimestamp();

    private TerminalSession(SshClient client, ShellStream shell, int columns, int rows)
    {
        _client = client;
        _shell = shell;
        _grid = new ScreenGrid(columns, rows);
        shell.DataReceived += (_, e) =>
        {
            var now = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _bytes += e.Data.Length;
                _lastOutput = now;
                // One decoder for the stream: a character split across two SSH packets decodes whole.
                var chars = EnsureChars(e.Data.Length);
                var chunk = new string(chars, 0, _decoder.GetChars(e.Data, 0, e.Data.Length, chars, 0));
                _text.Append(chunk);
                _grid.Feed(chunk);
                if (_awaitedOnScreen is { } awaited && _grid.Shows(awaited.Text))
                {
                    awaited.Arrived.TrySetResult(now);
                    _awaitedOnScreen = null;
                }


                // A session following a log burst receives frames all the time: keep only the recent text.
                if (_text.Length > 1 << 20)
                {
                    _text.Remove(0, _text.Length / 2);
                }

                _nextOutput?.TrySetResult(now);
                _nextOutput = null;
                if (_expected is { } expected)
                {
                    _sinceKey.Append(chunk);
                    if (_sinceKey.ToString().Contains(expected.Text, StringComparison.Ordinal))
                    {
                        expected.Arrived.TrySetResult(now);
                        _expected = null;
                        _sinceKey.Clear();
                    }
                }
            }
        };
    }

    /// <summary>Every byte received so far.</summary>
    public long Bytes
    {
        get
        {
            lock (_gate)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Connects, authenticates and opens a pty shell (TERM xterm-256color).</summary>
    public static TerminalSession Open(int port, string user, string keyPath, int columns = 120, int rows = 40)
    {
        var key = new PrivateKeyFile(keyPath);
        var client = new SshClient(new ConnectionInfo("127.0.0.1", port, user, new PrivateKeyAuthenticationMethod(user, key)));
        client.Connect();
        return new TerminalSession(client, client.CreateShellStream("xterm-256color", (uint)columns, (uint)rows, 0, 0, 64 * 1024), columns, rows);
    }

    /// <summary>Waits until the output so far contains every one of <paramref name="texts"/>.</summary>
    public async Task WaitForAsync(TimeSpan timeout, params string[] texts)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            string text;
            lock (_gate)
            {
                text = _text.ToString();
            }

            if (texts.All(t => text.Contains(t, StringComparison.Ordinal)))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"no '{string.Join("', '", texts)}' after {timeout.TotalSeconds:0} s; the last output: {Recent()[^Math.Min(Recent().Length, 2000)..]}");
            }

            await Task.Delay(2);
        }
    }

    private string Recent()
    {
        lock (_gate)
        {
            return _text.ToString().Replace("\u001b", "^[", StringComparison.Ordinal);
        }
    }

    /// <summary>Forgets the text seen so far, so a later wait only matches new output.</summary>
    public void ClearText()
    {
        lock (_gate)
        {
            _text.Clear();
        }
    }

    /// <summary>Sends keys and returns the milliseconds until the next output arrives.</summary>
    public async Task<double> PressAsync(string keys, TimeSpan timeout)
    {
        var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _nextOutput = next;
        }

        var sent = Stopwatch.GetTimestamp();
        _shell.Write(keys);
        _shell.Flush();
        long arrived;
        try
        {
            arrived = await next.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no output within {timeout.TotalSeconds:0} s of sending {keys}; the output since the last screen change: {Recent()}");
        }

        return Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds;
    }

    /// <summary>
    /// Sends keys and returns the milliseconds until output containing <paramref name="expected"/> arrives: the key's
    /// frame on a screen that changes all the time anyway (a followed log burst), where the first bytes prove nothing.
    /// </summary>
    public Task<double> PressUntilAsync(string keys, string expected, TimeSpan timeout) =>
        PressAndTimeAsync(keys, timeout, arrived =>
        {
            _sinceKey.Clear();
            _expected = (expected, arrived);
        }, () =>
        {
            _expected = null;
            return $"no '{expected}' within {timeout.TotalSeconds:0} s of sending {keys}; the last output: {Recent()[^Math.Min(Recent().Length, 1500)..]}";
        });

    /// <summary>
    /// Sends keys and returns the milliseconds until <paramref name="expected"/> is on the screen (the grid the output
    /// drew, not the bytes: a text can arrive in pieces). It must not be on screen before the keys.
    /// </summary>
    public Task<double> PressUntilShownAsync(string keys, string expected, TimeSpan timeout) =>
        PressAndTimeAsync(keys, timeout, arrived =>
        {
            if (_grid.Shows(expected))
            {
                throw new InvalidOperationException($"'{expected}' is on screen before {keys} was sent; the benchmark would time nothing:\n{_grid}");
            }

            _awaitedOnScreen = (expected, arrived);
        }, () =>
        {
            _awaitedOnScreen = null;
            return $"'{expected}' not on screen within {timeout.TotalSeconds:0} s of sending {keys}; the screen:\n{_grid}";
        });

    /// <summary>
    /// Arms an expectation (under the lock), sends the keys, and returns the milliseconds until the expectation's
    /// completion fires; on timeout <paramref name="disarm"/> (under the lock) clears it and says what was seen.
    /// </summary>
    private async Task<double> PressAndTimeAsync(string keys, TimeSpan timeout, Action<TaskCompletionSource<long>> arm, Func<string> disarm)
    {
        var arrived = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            arm(arrived);
        }

        var sent = Stopwatch.GetTimestamp();
        _shell.Write(keys);
        _shell.Flush();
        try
        {
            return Stopwatch.GetElapsedTime(sent, await arrived.Task.WaitAsync(timeout)).TotalMilliseconds;
        }
        catch (TimeoutException)
        {
            string seen;
            lock (_gate)
            {
                seen = disarm();
            }

            throw new TimeoutException(seen);
        }
    }

    /// <summary>Waits until <paramref name="text"/> is on the screen (<paramref name="shown"/>) or no longer is.</summary>
    public async Task WaitForScreenAsync(string text, bool shown, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            lock (_gate)
            {
                if (_grid.Shows(text) == shown)
                {
                    return;
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException($"'{text}' still {(shown ? "not " : "")}on screen after {timeout.TotalSeconds:0} s; the screen:\n{_grid}");
                }
            }

            await Task.Delay(2);
        }
    }

    /// <summary>Sends keys without waiting for an answer.</summary>
    public void Type(string keys)
    {
        _shell.Write(keys);
        _shell.Flush();
    }

    /// <summary>
    /// Terminal.Gui asks the terminal for its colours when the session starts (OSC 10, then OSC 11 a second later).
    /// SSH.NET does not answer, so wait until both queries are out, or one would be taken for a key's frame.
    /// </summary>
    public async Task PastStartupQueriesAsync()
    {
        var left = TimeSpan.FromSeconds(2.5) - Stopwatch.GetElapsedTime(_opened);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }
    }

    /// <summary>Waits until no output has arrived for <paramref name="quiet"/>.</summary>
    public async Task SettleAsync(TimeSpan quiet)
    {
        while (true)
        {
            long last;
            lock (_gate)
            {
                last = _lastOutput;
            }

            var since = Stopwatch.GetElapsedTime(last);
            if (since >= quiet)
            {
                return;
            }

            await Task.Delay(quiet - since);
        }
    }

    public void Dispose()
    {
        _shell.Dispose();
        _client.Dispose();
    }
}
