using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Styx.Tui.Configuration;
using Styx.Tui.Hosting;
using Styx.Demo;
using Styx.Testing;

namespace Styx.Tui.Tests.Support;

/// <summary>
/// The whole styx-tui server in process (demo cluster, keys file, audit log, SSH) on a free loopback port, with a
/// viewer, an operator and an admin key made by ssh-keygen, driven by the real OpenSSH client.
/// </summary>
internal sealed class StyxTestServer : IAsyncDisposable
{
    private StyxTestServer(string directory, StyxServer server, Dictionary<string, string> keys)
    {
        Directory = directory;
        Server = server;
        KeyFiles = keys;
    }

    public string Directory { get; }

    public StyxServer Server { get; }

    /// <summary>Private key file per role name (viewer, operator, admin).</summary>
    public Dictionary<string, string> KeyFiles { get; }

    public string AuthorizedKeys => Path.Combine(Directory, "keys", "authorized_keys");

    public string AuditLog => Path.Combine(Directory, "logs", "audit.jsonl");

    public Styx.Demo.DemoServer Demo => Server.Demo!;

    /// <summary>The audit log file as the client types read it back.</summary>
    public IReadOnlyList<Styx.Cluster.Audit.AuditRecord> ReadAudit() => File.Exists(AuditLog)
        ? [.. File.ReadAllLines(AuditLog).Select(l => System.Text.Json.JsonSerializer.Deserialize<Styx.Cluster.Audit.AuditRecord>(l, AuditJson)!)]
        : [];

    private static readonly System.Text.Json.JsonSerializerOptions AuditJson = new()
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The demo cluster's lifecycle at test speed: allocations start in 300 ms and pass health in 200 ms more.</summary>
    public static DemoOptions QuickDemo => new()
    {
        FlakyWorker = true,
        StartDelay = TimeSpan.FromMilliseconds(300),
        HealthyDelay = TimeSpan.FromMilliseconds(200),
        StopDelay = TimeSpan.FromMilliseconds(200),
        Tick = TimeSpan.FromMilliseconds(50),
    };

    /// <param name="settings">More settings as flags would give them (e.g. <c>nomad:wait</c>).</param>
    public static async Task<StyxTestServer> StartAsync(IReadOnlyDictionary<string, Func<Styx.Tui.Screens.Screen>>? extraScreens = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("styx-tui-").FullName;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "keys"));
        var keys = new Dictionary<string, string>();
        var lines = new List<string>();
        foreach (var (role, name) in new[] { ("viewer", "Vera Viewer"), ("operator", "Otto Operator"), ("admin", "Ada Admin") })
        {
            var path = await NewKeyAsync(directory, role);
            keys[role] = path;
            var publicKey = (await File.ReadAllTextAsync(path + ".pub")).Trim().Split(' ');
            lines.Add($"role=\"{role}\" {publicKey[0]} {publicKey[1]} {name}");
        }

        await File.WriteAllLinesAsync(Path.Combine(directory, "keys", "authorized_keys"), lines);
        var options = StyxOptionsLoader.Load(
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()) { ["demo"] = "true", ["listen"] = "127.0.0.1:0" },
            new Dictionary<string, string?>(),
            null,
            directory);
        var server = await StyxServer.StartAsync(options, new Dictionary<string, string?> { ["HOME"] = directory }, NullLoggerFactory.Instance, TimeProvider.System,
            CancellationToken.None, extraScreens, QuickDemo);
        var test = new StyxTestServer(directory, server, keys);

        // The keys read and the shared watcher loaded, before the first command.
        await Eventually.True(() => server.Keys.Keys.Any() && server.State.Current.IsComplete, "the keys file read and the cluster loaded");

        return test;
    }

    public static async Task<string> NewKeyAsync(string directory, string label)
    {
        var path = Path.Combine(directory, $"id_{label}_{Guid.NewGuid().ToString("N")[..6]}");
        var result = await ProcessRunner.RunAsync(RequiredTool.Path("ssh-keygen", "openssh-client"), ["-q", "-t", "ed25519", "-N", "", "-C", label, "-f", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return path;
    }

    /// <summary>Runs <c>ssh -p PORT 127.0.0.1 COMMAND</c> with the given key, as a user would.</summary>
    public Task<ProcessRunner.Result> SshAsync(string keyFile, string command, params string[] extra) =>
        ProcessRunner.RunAsync(RequiredTool.Path("ssh", "openssh-client"), SshArguments(keyFile, command, extra));

    /// <summary>The arguments of <c>ssh -p PORT 127.0.0.1 COMMAND</c> with the given key, for a client a test starts itself.</summary>
    public IReadOnlyList<string> SshArguments(string keyFile, string command, params string[] extra) =>
    [
        "-p", Server.Ssh.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture), "-i", keyFile, "-o", "IdentitiesOnly=yes",
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-F", "/dev/null",
        .. extra, "127.0.0.1", command,
    ];

    public Task<ProcessRunner.Result> AsAsync(string role, string command) => SshAsync(KeyFiles[role], command);

    /// <summary>web's running allocations (by ID) with their first task, once the demo runs at least <paramref name="atLeast"/>.</summary>
    public async Task<List<(string Allocation, string Task)>> RunningWebAsync(int atLeast = 2)
    {
        await Styx.Testing.Eventually.True(() => WebStreams().Count >= atLeast, "web's allocations running");
        return WebStreams();

        List<(string Allocation, string Task)> WebStreams() =>
        [
            .. Server.State.CurrentIn("default").Allocations
                .Where(a => a.JobID == "web" && a.Namespace == "default" && a.ClientStatus == "running" && a.TaskStates is { Count: > 0 })
                .OrderBy(a => a.ID, StringComparer.Ordinal)
                .Select(a => (a.ID, a.TaskStates!.Keys.Order(StringComparer.Ordinal).First())),
        ];
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
