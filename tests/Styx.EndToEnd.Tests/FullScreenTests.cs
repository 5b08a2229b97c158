using Styx.EndToEnd.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// <c>styx-tui --demo</c> as a process, the real OpenSSH client inside tmux as the terminal: what an operator and an
/// on-call viewer see and can do in the full-screen app.
/// </summary>
public sealed class FullScreenTests : IAsyncLifetime
{
    private StyxProcess _styx = null!;
    private UserKey _admin = null!;
    private UserKey _viewer = null!;

    public async Task InitializeAsync()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        _admin = await UserKey.CreateAsync(keys, "alice");
        _viewer = await UserKey.CreateAsync(keys, "oncall");
        _styx = await StyxProcess.StartAsync(["--demo"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), _admin.AuthorizedLine("admin") + "\n" + _viewer.AuthorizedLine("viewer") + "\n"));
    }

    public async Task DisposeAsync() => await _styx.DisposeAsync();

    private string Ssh(UserKey key) =>
        $"{RequiredTool.Path("ssh", "openssh-client")} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i {key.PrivateKeyPath} -p {_styx.Port} -t alice@127.0.0.1";

    [Fact]
    public async Task Operator_BrowsesFiltersScalesResizesAndQuits()
    {
        await using var tmux = await Tmux.StartAsync(Ssh(_admin), 120, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        var overview = await tmux.WaitForTextAsync("3/3 ready");
        Assert.Contains("Styx ▸ Overview", overview, StringComparison.Ordinal);
        Assert.Contains("alice (admin)", overview, StringComparison.Ordinal);
        Assert.Contains("Prometheus", overview, StringComparison.Ordinal);

        await tmux.TypeAsync(":jobs");
        await tmux.SendKeysAsync("Enter");
        var jobs = await tmux.WaitForTextAsync("Styx ▸ Jobs");
        Assert.Contains("postgres", jobs, StringComparison.Ordinal);

        await tmux.TypeAsync("/web");
        var filtered = await tmux.WaitForAsync(screen => screen.Contains("/web", StringComparison.Ordinal) && !screen.Contains("postgres", StringComparison.Ordinal), "the jobs filtered to web");
        Assert.Contains("Jobs (1 of", filtered, StringComparison.Ordinal);
        await tmux.SendKeysAsync("Enter");
        await tmux.SendKeysAsync("Enter");
        var job = await tmux.WaitForTextAsync("Task groups");
        Assert.Contains("Styx ▸ Job web", job, StringComparison.Ordinal);
        Assert.Contains("scaling 1..10", job, StringComparison.Ordinal);
        Assert.DoesNotContain("web.web[2]", job, StringComparison.Ordinal);

        await tmux.SendKeysAsync("S");
        await tmux.WaitForTextAsync("new count:");
        await tmux.TypeAsync("3");
        await tmux.SendKeysAsync("Enter");
        var scaled = await tmux.WaitForAsync(
            screen => screen.Split('\n').Any(line => line.Contains("web.web[2]", StringComparison.Ordinal) && line.Contains("running", StringComparison.Ordinal)),
            "a third web allocation, running", TimeSpan.FromSeconds(30));
        Assert.Contains("scale web/web to 3", scaled, StringComparison.Ordinal);

        await tmux.ResizeAsync(90, 30);
        var resized = await tmux.WaitForAsync(
            screen => screen.Split('\n')[0].TrimEnd().EndsWith("DEMO", StringComparison.Ordinal) && screen.Split('\n')[0].TrimEnd().Length <= 90,
            "the header re-laid out to 90 columns");
        Assert.Contains("alice (admin)", resized.Split('\n')[29], StringComparison.Ordinal);

        await tmux.SendKeysAsync("Escape");
        await tmux.WaitForTextAsync("Styx ▸ Jobs");
        await tmux.SendKeysAsync("q");
        await tmux.WaitForTextAsync("[exit 0]");
        Assert.Contains("\"action\":\"job.scale\"", await File.ReadAllTextAsync(_styx.AuditLogPath), StringComparison.Ordinal);
    }

    /// <summary>Issue 11: :ns and :svc end to end, OpenSSH in tmux against the demo's two namespaces.</summary>
    [Fact]
    public async Task NamespaceSwitch_AndNomadServices_ThroughOpenSsh()
    {
        await using var tmux = await Tmux.StartAsync(Ssh(_viewer), 120, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        var overview = await tmux.WaitForTextAsync("3/3 ready");
        Assert.Contains("│ ns default │", overview, StringComparison.Ordinal);

        await tmux.TypeAsync(":ns staging");
        await tmux.SendKeysAsync("Enter");
        await tmux.TypeAsync(":jobs");
        await tmux.SendKeysAsync("Enter");
        var staging = await tmux.WaitForAsync(screen => screen.Contains("Styx ▸ Jobs", StringComparison.Ordinal) && screen.Contains("mailer", StringComparison.Ordinal), "staging's jobs");
        Assert.Contains("│ ns staging │", staging, StringComparison.Ordinal);
        Assert.DoesNotContain("postgres", staging, StringComparison.Ordinal);

        await tmux.TypeAsync(":svc");
        await tmux.SendKeysAsync("Enter");
        var services = await tmux.WaitForAsync(screen => screen.Contains("Styx ▸ Services", StringComparison.Ordinal) && screen.Contains("passing", StringComparison.Ordinal), "staging's services with checks");
        Assert.Contains("route /staging/web", services, StringComparison.Ordinal);
        Assert.Contains("mailer", services, StringComparison.Ordinal);

        await tmux.TypeAsync(":ns *");
        await tmux.SendKeysAsync("Enter");
        var all = await tmux.WaitForAsync(screen => screen.Contains("│ ns * │", StringComparison.Ordinal) && screen.Contains("route /grafana", StringComparison.Ordinal), "every namespace's services");
        Assert.Contains("NAMESPACE", all, StringComparison.Ordinal);
        await tmux.SendKeysAsync("q");
        await tmux.WaitForTextAsync("[exit 0]");
    }

    [Fact]
    public async Task NoColorSentByTheClient_ThatSessionIsMono_OthersKeepColour()
    {
        static bool HasColour(string screen) =>
            System.Text.RegularExpressions.Regex.Matches(screen, @"\u001b\[([0-9;]*)m")
                .SelectMany(m => m.Groups[1].Value.Split(';', StringSplitOptions.RemoveEmptyEntries))
                .Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))
                .Any(p => p is >= 30 and <= 49 and not 39 and not 49 or >= 90 and <= 107); // 39/49: default colours

        var environment = new Dictionary<string, string> { ["TERM"] = "xterm-256color" };
        await using var plain = await Tmux.StartAsync(Ssh(_admin), 120, 40, environment);
        await using var mono = await Tmux.StartAsync(Ssh(_admin).Replace(" -t ", " -o SetEnv=NO_COLOR=1 -t ", StringComparison.Ordinal), 120, 40, environment);
        await plain.WaitForTextAsync("3/3 ready");
        await mono.WaitForTextAsync("3/3 ready");
        Assert.True(HasColour(await plain.CaptureWithAttributesAsync()), "the session without NO_COLOR has colours");
        var monoScreen = await mono.CaptureWithAttributesAsync();
        Assert.False(HasColour(monoScreen), "NO_COLOR=1 from the client: no colour at all");
        Assert.Contains("\u001b[7m", monoScreen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_SeesReadOnlyBadge_AndNoActionWorks()
    {
        await using var tmux = await Tmux.StartAsync(Ssh(_viewer), 120, 40);
        var overview = await tmux.WaitForTextAsync("3/3 ready");
        Assert.Contains("READ-ONLY", overview, StringComparison.Ordinal);
        Assert.Contains("oncall (viewer)", overview, StringComparison.Ordinal);

        await tmux.TypeAsync(":job api");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("Task groups");
        await tmux.SendKeysAsync("j", "j");
        foreach (var key in new[] { "S", "X", "R", "P", "T", "D", "E" })
        {
            await tmux.SendKeysAsync(key);
        }

        var after = await tmux.WaitForTextAsync("READ-ONLY session: viewers cannot change the cluster");
        Assert.DoesNotContain("Cancel", after, StringComparison.Ordinal);
        Assert.DoesNotContain("new count", after, StringComparison.Ordinal);
        await tmux.SendKeysAsync("?");
        var help = await tmux.WaitForTextAsync("no action keys for your role");
        Assert.DoesNotContain("scale a task group", help, StringComparison.Ordinal);
        await tmux.SendKeysAsync("Escape");
        // Once the help is gone the ESC has been read on its own, so q cannot join it into alt+q.
        await tmux.WaitForAsync(screen => !screen.Contains("no action keys", StringComparison.Ordinal), "the help closed");
        await tmux.SendKeysAsync("q");
        await tmux.WaitForTextAsync("[exit 0]");

        var audit = (await File.ReadAllLinesAsync(_styx.AuditLogPath))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Select(r => (Action: r.GetProperty("action").GetString()!, Outcome: r.GetProperty("outcome").GetString()!))
            .ToList();
        // Each key was refused by ClusterCommands (and audited as such); none reached Nomad.
        Assert.Contains(("job.scale", "refused"), audit);
        Assert.DoesNotContain(audit, r => r.Action.StartsWith("job.", StringComparison.Ordinal) && r.Outcome != "refused");
        Assert.Contains(audit, r => r.Action == "session.close");
    }
}
