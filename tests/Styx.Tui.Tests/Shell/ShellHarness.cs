using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Shell;
using Styx.Tui.Tests.Support;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Styx.Testing;

namespace Styx.Tui.Tests.Shell;

/// <summary>
/// The full-screen app without SSH: the session driver with an in-memory sink, raw keys pushed as a client would
/// send them, and the screen read back from Terminal.Gui's own buffer on the UI thread.
/// </summary>
internal sealed class ShellHarness : IAsyncDisposable
{
    private readonly IterationPacer _pacer;
    private readonly SessionInput _input;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<IApplication> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly StringBuilder _written = new();
    private long _bytes;

    private ShellHarness(StyxTestServer server, Role role, int columns, int rows, ColorDepth depth, TimeProvider time, Styx.Cluster.Logs.LogReader? logs)
    {
        ProcessSettings.Apply();
        _pacer = new IterationPacer(time);
        var output = new SessionOutput(depth, columns, rows, bytes =>
        {
            Interlocked.Add(ref _bytes, bytes.Length);
            lock (_written)
            {
                _written.Append(Encoding.UTF8.GetString(bytes));
            }
        });
        _input = new SessionInput(_pacer);
        var sizes = new HostSizeMonitor(columns, rows, _pacer);
        var caller = new Caller("tester", "SHA256:test", role, IPAddress.Loopback);
        var context = new SessionContext(server.Server.State, server.Server.Commands, server.Server.Catalog, caller, "styx", true, time, logs ?? server.Server.Logs, server.Server.Metrics, server.Server.MetricCatalog);
        _thread = new Thread(() =>
        {
            try
            {
                using var app = SessionApplication.Create(new SessionComponentFactory(_input, output, sizes, _pacer), time);
                var view = new ScreenHost(context, NullLogger.Instance);
                view.Attach(app);
                _started.TrySetResult(app);
                app.RunAsync(view, _stop.Token).GetAwaiter().GetResult();
                view.Dispose();
                _ended.TrySetResult();
            }
            catch (Exception ex)
            {
                _started.TrySetException(ex);
                _ended.TrySetException(ex);
            }
        }) { IsBackground = true };
        _thread.Start();
    }

    /// <summary>Bytes the session would have sent to its client so far.</summary>
    public long BytesSent => Interlocked.Read(ref _bytes);

    /// <summary>Everything the session would have sent to its client so far, as text.</summary>
    public string Written
    {
        get
        {
            lock (_written)
            {
                return _written.ToString();
            }
        }
    }

    public Task Ended => _ended.Task;

    /// <param name="time">The session's clock (Terminal.Gui's timers, the status line); a FakeTimeProvider for virtual time.</param>
    /// <param name="logs">The session's log reader instead of the server's (e.g. one without Loki, which the demo always wires).</param>
    public static async Task<ShellHarness> StartAsync(
        StyxTestServer server, Role role, int columns = 120, int rows = 40, ColorDepth depth = ColorDepth.Color256, TimeProvider? time = null,
        Styx.Cluster.Logs.LogReader? logs = null)
    {
        var harness = new ShellHarness(server, role, columns, rows, depth, time ?? TimeProvider.System, logs);
        await harness._started.Task;
        await harness.WaitForAsync("3/3 ready");
        return harness;
    }

    /// <summary>Keys as a terminal sends them (e.g. ":jobs\r", "\u001b[B" for down).</summary>
    public void Type(string keys) => _input.Push(Encoding.UTF8.GetBytes(keys));

    /// <summary>
    /// Esc as a key event on the UI thread, past the input parser: a terminal's lone ESC byte is told from an
    /// ESC-prefixed sequence only by a pause, which a test would otherwise have to wait out.
    /// </summary>
    public async Task PressEscapeAsync()
    {
        var app = await _started.Task;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Invoke(() =>
        {
            app.Keyboard.RaiseKeyDownEvent(Terminal.Gui.Input.Key.Esc);
            done.TrySetResult();
        });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>Opens the Jobs screen with <c>:jobs</c> and waits for it.</summary>
    public async Task OpenJobsAsync()
    {
        Type(":jobs\r");
        await WaitForAsync("Styx ▸ Jobs");
    }

    /// <summary>The screen as text, one line per row, read on the UI thread.</summary>
    public Task<string> ScreenAsync() => ReadContentsAsync(contents =>
    {
        var screen = new StringBuilder();
        for (var row = 0; row < contents.GetLength(0); row++)
        {
            screen.Append(RowText(contents, row)).Append('\n');
        }

        return screen.ToString();
    });

    /// <summary>The text of the table row drawn in the selection colour, or null when none is.</summary>
    public Task<string?> SelectedLineAsync() => ReadContentsAsync(contents =>
    {
        for (var row = 2; row < contents.GetLength(0) - 2; row++)
        {
            if (contents[row, 2].Attribute == Palette.Selected)
            {
                return RowText(contents, row).Trim();
            }
        }

        return null;
    });

    /// <summary>The attribute of the first cell of <paramref name="text"/> where it first appears on screen, or null.</summary>
    public Task<Terminal.Gui.Drawing.Attribute?> AttributeOfAsync(string text) => ReadContentsAsync(contents =>
    {
        for (var row = 0; row < contents.GetLength(0); row++)
        {
            var columns = new List<int>();
            var line = new StringBuilder();
            for (var column = 0; column < contents.GetLength(1); column++)
            {
                foreach (var _ in contents[row, column].Grapheme ?? "")
                {
                    columns.Add(column);
                }

                line.Append(contents[row, column].Grapheme);
            }

            var at = line.ToString().IndexOf(text, StringComparison.Ordinal);
            if (at >= 0)
            {
                return contents[row, columns[at]].Attribute;
            }
        }

        return (Terminal.Gui.Drawing.Attribute?)null;
    });

    /// <summary>The screen row that starts with <paramref name="marker"/> (the Logs screen's selected line), or null.</summary>
    public async Task<string?> LineStartingWithAsync(string marker) =>
        (await ScreenAsync()).Split('\n').FirstOrDefault(l => l.StartsWith(marker, StringComparison.Ordinal));

    public async Task<string> WaitForAsync(string text, TimeSpan? timeout = null) =>
        await WaitForAsync(screen => screen.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    public Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null) =>
        PollAsync(ScreenAsync, condition, what, timeout);

    /// <summary>Waits until a condition on the session (read on its UI thread) holds.</summary>
    public Task WaitForAsync(Func<Task<bool>> condition, string what) => PollAsync(condition, held => held, what);

    /// <summary>Waits until the selected row starts with <paramref name="text"/>.</summary>
    public Task<string?> WaitForSelectedAsync(string text) =>
        PollAsync(SelectedLineAsync, line => line?.StartsWith(text, StringComparison.Ordinal) == true, $"'{text}' selected");

    private async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        T value = default!;
        try
        {
            await Eventually.True(async _ => condition(value = await read()), what, timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; the screen was:\n{await ScreenAsync()}", ex);
        }

        return value;
    }

    private async Task<T> ReadContentsAsync<T>(Func<Cell[,], T> read)
    {
        var app = await _started.Task;
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Invoke(() => result.TrySetResult(read(app.Driver!.Contents!)));
        return await result.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private static string RowText(Cell[,] contents, int row)
    {
        var text = new StringBuilder();
        for (var column = 0; column < contents.GetLength(1); column++)
        {
            text.Append(contents[row, column].Grapheme);
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ended.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
