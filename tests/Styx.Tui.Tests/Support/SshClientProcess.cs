using System.Diagnostics;
using System.Text;
using Styx.EndToEnd.Tests.Support;

namespace Styx.Tui.Tests.Support;

/// <summary>
/// A real <c>ssh</c> client left running (for commands that do not end by themselves, like <c>logs --follow</c>):
/// every byte the channel carried to its stdout is kept for the test to read while it runs, and the test ends it by
/// killing it, as a user's ctrl+c or a dropped laptop lid would.
/// </summary>
internal sealed class SshClientProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly MemoryStream _stdout = new();
    private readonly Lock _lock = new();
    private readonly Task _reading;
    private readonly Task<string> _stderr;

    private SshClientProcess(Process process)
    {
        _process = process;
        _reading = ReadAsync();
        _stderr = process.StandardError.ReadToEndAsync();
    }

    public static SshClientProcess Start(IEnumerable<string> arguments)
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

        return new SshClientProcess(Process.Start(start)!);
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

    public bool HasExited => _process.HasExited;

    /// <summary>What the client wrote to stderr, once it has ended.</summary>
    public Task<string> StderrAsync() => _stderr;

    /// <summary>Kills the client (and so its TCP connection) without a goodbye, and waits for it to be gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reading;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await _process.StandardOutput.BaseStream.ReadAsync(chunk)) > 0)
        {
            lock (_lock)
            {
                _stdout.Write(chunk, 0, read);
            }
        }
    }
}
