using System.Diagnostics;
using System.Globalization;
using System.Text;
using Renci.SshNet;
using Styx.EndToEnd.Tests.Support;
using Xunit.Abstractions;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 10 item 6, the live checks against <c>styx-tui --demo</c> as a process: what one logged-in viewer can make
/// the server hold. 64 MiB of keystrokes are held to one SSH window plus the app's input bound (the client waits for
/// window instead), and a 2000×2000 pty is drawn at 500×200 and says so; the server's RSS stays within 64 MB of
/// where it was, read from /proc.
/// </summary>
public sealed class SessionMemoryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const long Budget = 64L * 1024 * 1024;

    private StyxProcess _styx = null!;
    private UserKey _viewer = null!;

    public async Task InitializeAsync()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        _viewer = await UserKey.CreateAsync(keys, "oncall");
        _styx = await StyxProcess.StartAsync(["--demo"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), _viewer.AuthorizedLine("viewer") + "\n"));
    }

    public async Task DisposeAsync() => await _styx.DisposeAsync();

    [Fact]
    public async Task KeystrokeFlood64MiB_ServerRssWithin64MB()
    {
        using var client = Connect();
        using var shell = client.CreateShellStream("xterm-256color", 120, 40, 0, 0, 64 * 1024);
        await WaitForTextAsync(shell, "Overview");
        var before = Rss();

        // 'j' moves the selection down: every key is real work for the app, as a paste into it would be.
        var chunk = Encoding.ASCII.GetBytes(new string('j', 32 * 1024));
        long written = 0;
        var peak = before;
        var writer = Task.Run(() =>
        {
            while (Interlocked.Read(ref written) < 64L * 1024 * 1024)
            {
                shell.Write(chunk, 0, chunk.Length);
                shell.Flush();
                Interlocked.Add(ref written, chunk.Length);
            }
        });
        var clock = Stopwatch.StartNew();
        while (!writer.IsCompleted)
        {
            peak = Math.Max(peak, Rss());
            Assert.True(peak - before < Budget, $"RSS grew {(peak - before) / 1048576} MB with {Interlocked.Read(ref written) / 1048576} MiB of keys sent");
            await Task.WhenAny(writer, Task.Delay(100));
        }

        await writer;
        peak = Math.Max(peak, Rss());
        output.WriteLine($"64 MiB of keys in {clock.Elapsed.TotalSeconds:0.0} s; RSS {before / 1048576} MB before, peak {peak / 1048576} MB");
        Assert.True(peak - before < Budget, $"RSS grew {(peak - before) / 1048576} MB");
    }

    [Fact]
    public async Task Pty2000x2000_DrawnAt500x200AndSaysSo_ServerRssWithin64MB()
    {
        using var client = Connect();

        // A first session of ordinary size, so the baseline already holds what any first session loads.
        using (var warm = client.CreateShellStream("xterm-256color", 120, 40, 0, 0, 64 * 1024))
        {
            await WaitForTextAsync(warm, "Overview");
        }

        var before = Rss();
        using var shell = client.CreateShellStream("xterm-256color", 2000, 2000, 0, 0, 64 * 1024);
        var screen = await WaitForTextAsync(shell, "Styx draws at most 500×200");
        Assert.Contains("this terminal is 2000×2000", screen, StringComparison.Ordinal);
        var after = Rss();
        output.WriteLine($"2000×2000 pty: RSS {before / 1048576} MB before, {after / 1048576} MB after the first frame");
        Assert.True(after - before < Budget, $"RSS grew {(after - before) / 1048576} MB");
    }

    private SshClient Connect()
    {
        var key = new PrivateKeyFile(_viewer.PrivateKeyPath);
        var client = new SshClient(new ConnectionInfo("127.0.0.1", _styx.Port, "oncall", new PrivateKeyAuthenticationMethod("oncall", key)));
        client.Connect();
        return client;
    }

    /// <summary>The server's resident set, from /proc (bytes).</summary>
    private long Rss()
    {
        var line = File.ReadLines($"/proc/{_styx.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static async Task<string> WaitForTextAsync(ShellStream shell, string text)
    {
        var seen = new StringBuilder();
        var buffer = new byte[64 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!seen.ToString().Contains(text, StringComparison.Ordinal))
        {
            var read = await shell.ReadAsync(buffer, timeout.Token);
            seen.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return seen.ToString();
    }
}
