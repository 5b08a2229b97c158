using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Styx.Tui.Benchmarks;

/// <summary>
/// <c>styx-tui --demo</c> as its own process (as users run it), in a scratch directory with one authorized admin key.
/// Its RSS is read from /proc; it is stopped by its own PID.
/// </summary>
internal sealed class StyxDemoProcess : IDisposable
{
    private readonly Process _process;

    private StyxDemoProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Resident set size of the server process, from /proc/PID/status (VmRSS).</summary>
    public long ResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>CPU time the server process has used (user + system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <param name="configJson">A <c>styx.json</c> to start with (e.g. a large demo cluster), or null.</param>
    public static async Task<StyxDemoProcess> StartAsync(string directory, string authorizedLine, string? configJson = null)
    {
        if (configJson is not null)
        {
            File.WriteAllText(Path.Combine(directory, "styx.json"), configJson);
        }

        Directory.CreateDirectory(Path.Combine(directory, "keys"));
        Directory.CreateDirectory(Path.Combine(directory, "home"));
        File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), authorizedLine + "\n");
        var binDir = typeof(StyxDemoProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "StyxTuiBinDir").Value!;
        var dll = Path.GetFullPath(Path.Combine(binDir, "styx-tui.dll"));
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing; build with: dotnet build -c Release Styx.Tui.sln");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Every benchmark session logs in with the one key: lift the per-key connection limit (16) above the 50 sessions.
            // The server's log shows warnings and worse only: a line per connection would bury the figures.
            Environment = { ["HOME"] = Path.Combine(directory, "home"), ["STYX_SSH__MAXCONNECTIONSPERKEY"] = "1000", ["STYX_LOGGING__LEVEL"] = "Warning" },
            ArgumentList = { dll, "--demo", "--listen", $"127.0.0.1:{port}" },
        };
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("styx-tui: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"styx-tui --demo exited with {process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new StyxDemoProcess(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        process.Kill();
        throw new InvalidOperationException("styx-tui --demo did not listen within a minute");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
