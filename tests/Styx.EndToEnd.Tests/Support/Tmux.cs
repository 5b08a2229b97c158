using System.Diagnostics;

namespace Styx.EndToEnd.Tests.Support;

/// <summary>
/// A private tmux server (its own socket, so tests never touch a user's tmux) holding one session: the terminal a
/// real person would use. Text goes in with send-keys and the screen comes back with capture-pane.
/// </summary>
internal sealed class Tmux : IAsyncDisposable
{
    private readonly string _tmux = RequiredTool.Path("tmux", "tmux");
    private readonly string _socket = "styx-e2e-" + Guid.NewGuid().ToString("N")[..12];
    private const string Session = "s";

    public static async Task<Tmux> StartAsync(string command, int width, int height, IReadOnlyDictionary<string, string>? environment = null)
    {
        var tmux = new Tmux();
        var args = new List<string> { "new-session", "-d", "-s", Session, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            args.AddRange(["-e", $"{name}={value}"]);
        }

        // Keep the pane after the command exits, so the test can read its last screen and exit status.
        args.Add(command + "; echo \"[exit $?]\"; sleep 3600");
        await tmux.RunAsync(args);
        return tmux;
    }

    public Task SendKeysAsync(params string[] keys) => RunAsync(["send-keys", "-t", Session, .. keys]);

    /// <summary>Types text literally (no key-name interpretation).</summary>
    public Task TypeAsync(string text) => RunAsync(["send-keys", "-t", Session, "-l", text]);

    public Task ResizeAsync(int width, int height) => RunAsync(["resize-window", "-t", Session, "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture), "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

    /// <summary>
    /// From now on, appends every byte the pane's program (the ssh client) writes to the terminal to <paramref name="file"/>:
    /// what the SSH channel carried to the client, before any terminal interpreted it.
    /// </summary>
    public Task RecordOutputAsync(string file) => RunAsync(["pipe-pane", "-t", Session, "-o", "cat >> '" + file.Replace("'", "'\\''", StringComparison.Ordinal) + "'"]);

    public async Task<string> CaptureAsync() => await RunAsync(["capture-pane", "-t", Session, "-p"]);

    /// <summary>A tmux format for the pane, e.g. <c>#{alternate_on}</c> (1 while the alternate screen is shown) or <c>#{cursor_flag}</c> (1 when the cursor is visible).</summary>
    public async Task<string> PaneFormatAsync(string format) => (await RunAsync(["display-message", "-p", "-t", Session, format])).TrimEnd('\n');

    /// <summary>The screen with tmux's SGR sequences for each cell's colours and styles.</summary>
    public async Task<string> CaptureWithAttributesAsync() => await RunAsync(["capture-pane", "-t", Session, "-p", "-e"]);

    /// <summary>Polls the screen until <paramref name="condition"/> holds, failing with the last screen after the timeout.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        var started = Stopwatch.StartNew();
        var screen = "";
        while (started.Elapsed < limit)
        {
            screen = await CaptureAsync();
            if (condition(screen))
            {
                return screen;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"waited {limit.TotalSeconds:0}s for {what}; the screen was:\n{screen}");
    }

    public Task<string> WaitForTextAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    private async Task<string> RunAsync(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(_tmux) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', start.ArgumentList)} failed: {error}");
        }

        return output;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(["kill-server"]);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
