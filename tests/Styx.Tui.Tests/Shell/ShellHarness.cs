using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Cluster.Access;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Shell;
using Styx.Tui.Tests.Support;
using Terminal.Gui.App;

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

    private ShellHarness(StyxTestServer server, Role role, int columns, int rows, ColorDepth depth, TimeProvider time)
    {
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
        var context = new SessionContext(server.Server.State, server.Server.Commands, server.Server.Catalog, caller, "styx", true, time);
        _thread = new Thread(() =>
        {
            try
            {
                using var app = SessionApplication.Create(new SessionComponentFactory(_input, output, sizes, _pacer), time);
                var view = new StyxView(context, NullLogger.Instance);
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
    public static async Task<ShellHarness> StartAsync(
        StyxTestServer server, Role role, int columns = 120, int rows = 40, ColorDepth depth = ColorDepth.Color256, TimeProvider? time = null)
    {
        var harness = new ShellHarness(server, role, columns, rows, depth, time ?? TimeProvider.System);
        await harness._started.Task;
        await harness.WaitForAsync("3/3 ready");
        return harness;
    }

    /// <summary>Keys as a terminal sends them (e.g. ":jobs\r", "\u001b[B" for down).</summary>
    public void Type(string keys) => _input.Push(Encoding.UTF8.GetBytes(keys));

    /// <summary>The screen as text, one line per row, read on the UI thread.</summary>
    public async Task<string> ScreenAsync()
    {
        var app = await _started.Task;
        var text = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Invoke(() =>
        {
            var contents = app.Driver!.Contents!;
            var screen = new StringBuilder();
            for (var row = 0; row < contents.GetLength(0); row++)
            {
                for (var column = 0; column < contents.GetLength(1); column++)
                {
                    screen.Append(contents[row, column].Grapheme);
                }

                screen.Append('\n');
            }

            text.TrySetResult(screen.ToString());
        });
        return await text.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>The text of the table row drawn in the selection colour, or null when none is.</summary>
    public async Task<string?> SelectedLineAsync()
    {
        var app = await _started.Task;
        var line = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Invoke(() =>
        {
            var contents = app.Driver!.Contents!;
            for (var row = 2; row < contents.GetLength(0) - 2; row++)
            {
                if (contents[row, 2].Attribute == Styx.Tui.Shell.Palette.Selected)
                {
                    var text = new StringBuilder();
                    for (var column = 0; column < contents.GetLength(1); column++)
                    {
                        text.Append(contents[row, column].Grapheme);
                    }

                    line.TrySetResult(text.ToString().Trim());
                    return;
                }
            }

            line.TrySetResult(null);
        });
        return await line.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async Task<string> WaitForAsync(string text, TimeSpan? timeout = null) =>
        await WaitForAsync(screen => screen.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    public async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"waited for {what}; the screen was:\n{await ScreenAsync()}");
    }

    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        var screen = "";
        while (DateTime.UtcNow < deadline)
        {
            screen = await ScreenAsync();
            if (condition(screen))
            {
                return screen;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"waited for {what}; the screen was:\n{screen}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _ended.Task.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }
}
