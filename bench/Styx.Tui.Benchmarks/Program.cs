using System.Diagnostics;
using System.Globalization;
using Styx.Tui.Benchmarks;

// Measures the full-screen app against DESIGN.md §10 on loopback, with `styx-tui --demo` as its own process:
//   first full frame after `ssh -tt` (OpenSSH) and after the shell opens (SSH.NET); key-to-frame latency with one
//   session and with 50 sessions typing at once; bytes per one-row move; bytes per second of an idle screen; RSS per
//   idle session at 50 sessions. The client runs on the same machine, so its CPU competes with the server's.
// Run: dotnet run -c Release --project bench/Styx.Tui.Benchmarks [-- --sessions 50 --idle-seconds 60]
// The large-cluster run (1,000 Macs, 5,000 jobs) instead: add -- --scale
// The log-burst run (10,000 lines/s into web followed by 1 and 50 sessions) instead: add -- --logs
// The Metrics screen at 80×24 and 200×60 (first render, range change, redraw per refresh) instead: add -- --metrics
var sessionCount = Option("--sessions", 50);
var idleSeconds = Option("--idle-seconds", 60);
var work = Directory.CreateTempSubdirectory("styx-tui-bench-").FullName;
var keyPath = Path.Combine(work, "bench_ed25519");
Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench", "-f", keyPath);
var authorized = "role=\"admin\" " + File.ReadAllText(keyPath + ".pub").Trim();
var timeout = TimeSpan.FromSeconds(30);
const string Ready = "3/3 ready";
const string StatusLine = "bench (admin)";

try
{
    if (args.Contains("--logs"))
    {
        using var burst = await StyxDemoProcess.StartAsync(work, authorized, LogsRun.Config);
        await LogsRun.RunAsync(burst, keyPath, timeout);
        return;
    }

    if (args.Contains("--metrics"))
    {
        using var demo = await StyxDemoProcess.StartAsync(work, authorized);
        await MetricsRun.RunAsync(demo, keyPath, timeout);
        return;
    }

    if (args.Contains("--scale"))
    {
        using var large = await StyxDemoProcess.StartAsync(work, authorized, ScaleRun.Config);
        await ScaleRun.RunAsync(large, keyPath, timeout);
        return;
    }

    using var styx = await StyxDemoProcess.StartAsync(work, authorized);
    Console.WriteLine($"styx-tui --demo on 127.0.0.1:{styx.Port}, {Environment.ProcessorCount} cores");

    // Warm-up: the demo cluster settles and the server's code paths are compiled, as on a server that has been up.
    for (var i = 0; i < 5; i++)
    {
        using var warm = TerminalSession.Open(styx.Port, "bench", keyPath);
        await warm.WaitForAsync(TimeSpan.FromSeconds(90), Ready, StatusLine);
        await OpenJobsAsync(warm);
        for (var k = 0; k < 20; k++)
        {
            // A frame per key: j and k read in one loop iteration would leave the screen as it was, and send nothing.
            await warm.PressAsync(k % 2 == 0 ? "j" : "k", timeout);
            await warm.SettleAsync(TimeSpan.FromMilliseconds(50));
        }
    }

    await Task.Delay(TimeSpan.FromSeconds(2));
    var idleServerRss = styx.ResidentBytes;

    // First full frame: the Overview with its data and the status line, the last row drawn.
    var viaOpenSsh = new Samples("ms");
    var fromShellOpen = new Samples("ms");
    for (var i = 0; i < 20; i++)
    {
        viaOpenSsh.Add(await OpenSshFirstFrameAsync(styx.Port));
        var clock = Stopwatch.StartNew();
        using var session = TerminalSession.Open(styx.Port, "bench", keyPath);
        var connected = clock.Elapsed;
        await session.WaitForAsync(timeout, Ready, StatusLine);
        fromShellOpen.Add((clock.Elapsed - connected).TotalMilliseconds);
    }

    Console.WriteLine($"first full frame, `ssh -tt` start to frame (OpenSSH, includes connect+auth): {viaOpenSsh.Summary()}");
    Console.WriteLine($"first full frame, shell opened to frame (SSH.NET):                       {fromShellOpen.Summary()}");

    // One session typing: j/k alternate, each a one-row move in the Jobs table.
    var oneLatency = new Samples("ms");
    var moveBytes = new Samples("B");
    using (var one = TerminalSession.Open(styx.Port, "bench", keyPath))
    {
        await one.WaitForAsync(timeout, Ready, StatusLine);
        await OpenJobsAsync(one);
        for (var i = 0; i < 200; i++)
        {
            var before = one.Bytes;
            oneLatency.Add(await one.PressAsync(i % 2 == 0 ? "j" : "k", timeout));
            await one.SettleAsync(TimeSpan.FromMilliseconds(100));
            moveBytes.Add(one.Bytes - before);
        }

        Console.WriteLine($"key to frame, 1 session:          {oneLatency.Summary()}");
        Console.WriteLine($"bytes per one-row move (Jobs):    {moveBytes.Summary()}");

        var idleStart = one.Bytes;
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        var idleBytes = one.Bytes - idleStart;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle Jobs screen: {idleBytes} B in {idleSeconds} s = {(double)idleBytes / idleSeconds:0.00} B/s (the status-line clock changes once a minute)"));
    }

    // Many sessions: open them all, let them idle, read the server's RSS, then all type at once.
    await Task.Delay(TimeSpan.FromSeconds(2));
    var beforeMany = styx.ResidentBytes;
    var sessions = new List<TerminalSession>();
    try
    {
        for (var i = 0; i < sessionCount; i++)
        {
            var session = TerminalSession.Open(styx.Port, "bench", keyPath);
            sessions.Add(session);
            await session.WaitForAsync(timeout, Ready, StatusLine);
        }

        await Task.Delay(TimeSpan.FromSeconds(10));
        var idleManyStart = sessions.Sum(s => s.Bytes);
        var idleCpu = styx.ProcessorTime;
        await Task.Delay(TimeSpan.FromSeconds(10));
        var idleManyBytes = sessions.Sum(s => s.Bytes) - idleManyStart;
        idleCpu = styx.ProcessorTime - idleCpu;
        var withMany = styx.ResidentBytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"server RSS: {Mb(idleServerRss)} warm with no session, {Mb(beforeMany)} before and {Mb(withMany)} with {sessionCount} idle sessions = {Mb((withMany - beforeMany) / sessionCount)} per session"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"idle Overview, {sessionCount} sessions: {idleManyBytes} B in 10 s altogether; server CPU {idleCpu / TimeSpan.FromSeconds(10):P1} of one core"));

        foreach (var session in sessions)
        {
            await OpenJobsAsync(session);
        }

        // Each session types 40 keys with 100–300 ms between them (a brisk typist), all at once.
        Console.WriteLine($"{sessionCount} sessions typing…");
        var manyLatency = new Samples("ms");
        var serverCpu = styx.ProcessorTime;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var typing = Stopwatch.StartNew();
        await Parallel.ForEachAsync(sessions.Select((s, i) => (s, i)), new ParallelOptions { MaxDegreeOfParallelism = sessionCount }, async (entry, cancellationToken) =>
        {
            var random = new Random(entry.i);
            await Task.Delay(random.Next(0, 300), cancellationToken);
            for (var k = 0; k < 40; k++)
            {
                manyLatency.Add(await entry.s.PressAsync(k % 2 == 0 ? "j" : "k", timeout));
                await entry.s.SettleAsync(TimeSpan.FromMilliseconds(30));
                await Task.Delay(random.Next(100, 300), cancellationToken);
            }
        });
        typing.Stop();
        Console.WriteLine($"key to frame, {sessionCount} sessions typing:  {manyLatency.Summary()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {manyLatency.Count / typing.Elapsed.TotalSeconds:0} keys/s for {typing.Elapsed.TotalSeconds:0.0} s; CPU: server {(styx.ProcessorTime - serverCpu).TotalMilliseconds / manyLatency.Count:0.00} ms per key ({(styx.ProcessorTime - serverCpu) / typing.Elapsed:P0} of one core), this client {(Process.GetCurrentProcess().TotalProcessorTime - clientCpu) / typing.Elapsed:P0} of one core"));
    }
    finally
    {
        foreach (var session in sessions)
        {
            session.Dispose();
        }
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// The frames are diffs, so the title's unchanged prefix is not sent again: wait for a job the Overview does not name.
async Task OpenJobsAsync(TerminalSession session)
{
    session.ClearText();
    session.Type(":jobs\r");
    await session.WaitForAsync(timeout, "postgres");
    await session.PastStartupQueriesAsync();
    await session.SettleAsync(TimeSpan.FromMilliseconds(300));
}

async Task<double> OpenSshFirstFrameAsync(int port)
{
    var start = new ProcessStartInfo("ssh")
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        Environment = { ["TERM"] = "xterm-256color" },
        ArgumentList =
        {
            "-tt", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", keyPath, "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-F", "/dev/null", "bench@127.0.0.1",
        },
    };
    var clock = Stopwatch.StartNew();
    using var ssh = Process.Start(start)!;
    var seen = new System.Text.StringBuilder();
    var buffer = new char[16384];
    while (!(seen.ToString().Contains(Ready, StringComparison.Ordinal) && seen.ToString().Contains(StatusLine, StringComparison.Ordinal)))
    {
        var read = await ssh.StandardOutput.ReadAsync(buffer).AsTask().WaitAsync(timeout);
        if (read == 0)
        {
            throw new InvalidOperationException("ssh ended before the first frame: " + await ssh.StandardError.ReadToEndAsync());
        }

        seen.Append(buffer, 0, read);
    }

    var elapsed = clock.Elapsed.TotalMilliseconds;
    await ssh.StandardInput.WriteAsync("q");
    ssh.StandardInput.Close();
    await ssh.StandardOutput.ReadToEndAsync();
    await ssh.WaitForExitAsync().WaitAsync(timeout);
    return elapsed;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.00} MB");

static void Run(string file, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })!;
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error}");
    }
}
