using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Styx.EndToEnd.Tests.Support;

/// <summary>
/// <c>styx-tui</c> started as a real process in a scratch directory (its own keys/, logs/ and HOME), on a free
/// loopback port. Stopped by its own PID: SIGTERM first, then kill.
/// </summary>
internal sealed class StyxProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private readonly bool _ownsDirectory;

    private StyxProcess(Process process, string directory, int port, bool ownsDirectory)
    {
        _process = process;
        Directory = directory;
        Port = port;
        _ownsDirectory = ownsDirectory;
    }

    /// <summary>The scratch working directory (keys/, logs/ live under it).</summary>
    public string Directory { get; }

    public int Port { get; }

    public string KeysDirectory => Path.Combine(Directory, "keys");

    public string AuthorizedKeysPath => Path.Combine(KeysDirectory, "authorized_keys");

    public string AuditLogPath => Path.Combine(Directory, "logs", "audit.jsonl");

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output => string.Join('\n', _output);

    public int ProcessId => _process.Id;

    /// <summary>Runs one <c>styx-tui</c> command (not the server) in <paramref name="directory"/> and waits for it.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunCommand(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["HOME"] = Path.Combine(directory, "home") },
        };
        start.ArgumentList.Add(StyxTuiDll());
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("styx-tui " + string.Join(' ', arguments) + " did not finish within a minute");
        }

        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr);
    }

    /// <summary>The built <c>styx-tui.dll</c>, for tests that start it their own way (in a terminal).</summary>
    public static string StyxTuiDll()
    {
        var binDir = typeof(StyxProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StyxTuiBinDir").Value!;
        var dll = Path.GetFullPath(Path.Combine(binDir, "styx-tui.dll"));
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing; build src/Styx.Tui first (dotnet build Styx.Tui.sln)");
    }

    /// <param name="prepare">Runs in the scratch directory before start (write authorized_keys, styx.json…).</param>
    /// <param name="directory">A directory to run in again (a second start with the first one's keys); the caller
    /// deletes it. By default a new scratch directory, deleted on dispose.</param>
    /// <param name="executable">A published <c>styx-tui</c> binary to run; by default the build output's dll under <c>dotnet</c>.</param>
    public static async Task<StyxProcess> StartAsync(string[] arguments, Action<string>? prepare = null, string readyText = "ssh ", string? directory = null, string? executable = null)
    {
        var ownsDirectory = directory is null;
        directory ??= System.IO.Directory.CreateTempSubdirectory("styx-e2e-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "keys"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "home"));
        prepare?.Invoke(directory);
        var port = FreePort();
        var start = new ProcessStartInfo(executable ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            Environment = { ["HOME"] = Path.Combine(directory, "home"), ["NO_COLOR"] = "", ["DOTNET_TieredPGO"] = "0" },
        };
        if (executable is null)
        {
            start.ArgumentList.Add(StyxTuiDll());
        }

        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--listen");
        start.ArgumentList.Add($"127.0.0.1:{port}");
        var process = Process.Start(start)!;
        var styx = new StyxProcess(process, directory, port, ownsDirectory);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            styx._output.Enqueue(line);
            if (line.Contains(readyText, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (first != ready.Task)
        {
            var output = styx.Output;
            await styx.DisposeAsync();
            throw new InvalidOperationException($"styx-tui did not print '{readyText}' (exited: {exited.IsCompleted}); its output:\n{output}");
        }

        await WaitForPortAsync(port);
        return styx;
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>TERM</c>, <c>INT</c>) to the process, by its PID.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {_process.Id} failed with {kill.ExitCode}");
        }
    }

    /// <summary>Waits for the process to exit by itself; its exit code. Throws <see cref="TimeoutException"/> after <paramref name="limit"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends SIGTERM and waits for exit; returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        if (!_process.HasExited)
        {
            // SIGTERM by PID, as an operator's service manager would stop it.
            using (var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } }))
            {
                await kill!.WaitForExitAsync();
            }

            try
            {
                await _process.WaitForExitAsync().WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        return _process.ExitCode;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (started.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open by a dying child; the temp folder is cleaned by the OS eventually.
        }
    }
}
