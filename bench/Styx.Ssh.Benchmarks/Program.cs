using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.Ssh.Authentication;
using Styx.Ssh.Connection;
using Styx.Ssh.HostKeys;
using Styx.Ssh.Server;

// Measures connect + publickey auth + `exec true` with Debian's OpenSSH client, against Styx.Ssh and against Debian's
// sshd on loopback, alternating runs so both see the same machine state. Prints medians, p90s and the ratio.
// Run: dotnet run -c Release --project bench/Styx.Ssh.Benchmarks [-- ITERATIONS]
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
var work = Directory.CreateTempSubdirectory("styx-bench-").FullName;
try
{
    var key = Path.Combine(work, "id_ed25519");
    Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key);
    var publicKey = File.ReadAllText(key + ".pub").Trim();

    await using var styx = new SshServer(
        new SshServerOptions { Listen = new IPEndPoint(IPAddress.Loopback, 0) },
        OpenSshKeyFile.LoadOrCreate(Path.Combine(work, "styx_host")).Key,
        new SingleKey(publicKey.Split(' ')[1]),
        new True(),
        TimeProvider.System,
        NullLogger<SshServer>.Instance);
    styx.Start();

    var sshdPort = FreePort();
    Run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", Path.Combine(work, "sshd_host"));
    File.WriteAllText(Path.Combine(work, "authorized_keys"), publicKey + "\n");
    File.WriteAllText(Path.Combine(work, "sshd_config"), $"""
        ListenAddress 127.0.0.1
        Port {sshdPort}
        HostKey {work}/sshd_host
        AuthorizedKeysFile {work}/authorized_keys
        StrictModes no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PidFile {work}/sshd.pid
        LogLevel ERROR
        """);
    Directory.CreateDirectory("/run/sshd");
    using var sshd = Process.Start(new ProcessStartInfo("/usr/sbin/sshd", ["-D", "-e", "-f", Path.Combine(work, "sshd_config")]) { RedirectStandardError = true })!;
    await WaitForPortAsync(sshdPort);

    string[] Client(int port, string user) =>
    [
        "-p", port.ToString(CultureInfo.InvariantCulture), "-i", key, "-o", "IdentitiesOnly=yes", "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-F", "/dev/null", user + "@127.0.0.1", "true",
    ];

    var user = Environment.UserName;
    var styxTimes = new List<double>();
    var sshdTimes = new List<double>();
    for (var i = 0; i < iterations + 3; i++)
    {
        var styxMs = Time(() => Run("ssh", Client(styx.LocalEndPoint.Port, user)));
        var sshdMs = Time(() => Run("ssh", Client(sshdPort, user)));
        if (i >= 3)
        {
            // The first runs warm up the JIT and the client's caches.
            styxTimes.Add(styxMs);
            sshdTimes.Add(sshdMs);
        }
    }

    sshd.Kill();
    Report("Styx.Ssh", styxTimes);
    Report("OpenSSH sshd", sshdTimes);
    Console.WriteLine($"ratio (Styx / sshd, medians): {Median(styxTimes) / Median(sshdTimes):0.00}");
}
finally
{
    Directory.Delete(work, recursive: true);
}

static double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalMilliseconds;
}

static void Run(string file, params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error}");
    }
}

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Round(p * (sorted.Count - 1)))];
}

static void Report(string name, List<double> times) =>
    Console.WriteLine($"{name,-14} connect+auth+exec: median {Median(times):0.0} ms, p90 {Percentile(times, 0.9):0.0} ms ({times.Count} runs)");

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    for (var i = 0; i < 100; i++)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(50);
        }
    }

    throw new InvalidOperationException("sshd did not start");
}

/// <summary>Authorizes exactly the benchmark's key.</summary>
internal sealed class SingleKey(string base64Blob) : IUserAuthenticator
{
    public ValueTask<SshIdentity?> AuthorizeAsync(string userName, SshPublicKey key, IPEndPoint? remote, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Convert.ToBase64String(key.Blob) == base64Blob ? new SshIdentity(userName, key.Fingerprint, null) : null);
}

/// <summary>Runs `true`: nothing to print, status 0.</summary>
internal sealed class True : ISshSessionHandler
{
    public Task<int> RunAsync(SshSession session, CancellationToken cancellationToken) => Task.FromResult(0);
}
