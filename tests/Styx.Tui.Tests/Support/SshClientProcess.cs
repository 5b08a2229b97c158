using System.Diagnostics;
using System.Text;
using Styx.EndToEnd.Tests.Support;

namespace Styx.Tui.Tests.Support;

/// <summary>
/// A real <c>ssh</c> client left running (for commands that do not end by themselves, like <c>logs --follow</c>):
/// every byte the channel carried to its stdout is kept for the test to read while it runs, and the test ends it by
/// killing it, as a user's ctrl+c or a dropped laptop lid would. Reading its stdout can be held back, to play a client
/// that reads slower than lines arrive (its pipe fills, then the SSH window).
/// </summary>
internal sealed class SshClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();
    private readonly Lock _lock = new();
    private readonly TaskCompletionSource _read = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _reading;

    private SshClientProcess(Process process, bool reading)
    {
        _process = process;
        if (reading)
        {
            _read.SetResult();
        }

        _reading = Task.WhenAll(ReadAsync(process.StandardOutput.BaseStream, _stdout, _read.Task), ReadAsync(process.StandardError.BaseStream, _stderr, Task.CompletedTask));
    }

    /// <param name="readStdout">False: nothing is read from the client's stdout until <see cref="ReadStdout"/>.</param>
    public static SshClientProcess Start(IEnumerable<string> arguments, bool readStdout = true)
    {
        var start = new ProcessStartInfo(RequiredTool.Path("ssh", "openssh-client"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new SshClientProcess(Process.Start(start)!, readStdout);
    }

    /// <summary>The raw bytes the client wrote to its stdout so far.</summary>
    public byte[] StdoutBytes
    {
        get
        {
            lock (_lock)
            {
                return _stdout.ToArray();
            }
        }
    }

    public string Stdout => Encoding.UTF8.GetString(StdoutBytes);

    /// <summary>What the client wrote to its stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (_lock)
            {
                return Encoding.UTF8.GetString(_stderr.ToArray());
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>Waits for the client to end by itself and for all it printed; its exit status. Throws <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        _read.TrySetResult();
        await _reading;
        return _process.ExitCode;
    }

    /// <summary>Starts reading the client's stdout (held back since <see cref="Start"/>).</summary>
    public void ReadStdout() => _read.TrySetResult();

    /// <summary>Kills the client (and so its TCP connection) without a goodbye, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _read.TrySetResult();
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task ReadAsync(Stream from, MemoryStream into, Task start)
    {
        await start;
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(chunk)) > 0)
        {
            lock (_lock)
            {
                into.Write(chunk, 0, read);
            }
        }
    }
}
