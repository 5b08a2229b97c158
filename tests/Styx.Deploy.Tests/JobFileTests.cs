using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Styx.Deploy.Tests.Nomad;
using Styx.Deploy.Tests.Secrets;

namespace Styx.Deploy.Tests;

/// <summary>
/// Both job files (raw_exec and container), parsed by HashiCorp's HCL2 parser, their variables resolved as
/// <c>nomad job run</c> would, and turned into the API job Nomad receives: the placement, ports, services and checks,
/// templates for keys and tokens, update and shutdown settings the issue asks for, no secret in the file, and a job
/// that fits Nomad's Job schema.
/// </summary>
public sealed class JobFileTests(DeployFiles files) : IClassFixture<DeployFiles>
{
    /// <summary>Graceful shutdown's budget (issue 14): the kill timeout must leave it room.</summary>
    private static readonly TimeSpan s_gracefulShutdown = TimeSpan.FromSeconds(5);

    private static readonly string s_checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("styx-tui-1.4.0-osx-arm64.tar.gz")));

    public static TheoryData<string> JobFiles => new() { DeployFiles.RawExecJob, DeployFiles.ContainerJob };

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Constraint_ServerClassNodeOnly(string file)
    {
        var job = await ApiJobAsync(file);

        var constraint = Assert.Single(job["Constraints"]!.AsArray())!;
        Assert.Equal("${node.class}", Text(constraint["LTarget"]));
        Assert.Equal("=", Text(constraint["Operand"]));
        Assert.Equal("server", Text(constraint["RTarget"]));
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Network_SshStatic2222ByDefault_HttpDynamic(string file)
    {
        var network = Assert.Single(Group(await ApiJobAsync(file))["Networks"]!.AsArray())!;

        var ssh = Assert.Single(network["ReservedPorts"]!.AsArray())!;
        Assert.Equal("ssh", Text(ssh["Label"]));
        Assert.Equal(2222, ssh["Value"]!.GetValue<long>());
        var http = Assert.Single(network["DynamicPorts"]!.AsArray())!;
        Assert.Equal("http", Text(http["Label"]));
        Assert.Null(http["Value"]);
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Services_NomadNative_TcpCheckOnSsh_HttpHealthOnHttp_OnlyTheHttpOneTaggedForScraping(string file)
    {
        var job = await ApiJobAsync(file);
        var services = Group(job)["Services"]!.AsArray().Select(s => s!.AsObject()).ToList();
        Assert.All(services, s => Assert.Equal("nomad", Text(s["Provider"])));

        var ssh = Assert.Single(services, s => Text(s["PortLabel"]) == "ssh");
        Assert.Equal("styx-tui", Text(ssh["Name"]));
        var tcp = Assert.Single(ssh["Checks"]!.AsArray())!;
        Assert.Equal("tcp", Text(tcp["Type"]));
        Assert.DoesNotContain("prometheus.scrape=true", Strings(ssh["Tags"]));

        var http = Assert.Single(services, s => Text(s["PortLabel"]) == "http");
        Assert.Contains("prometheus.scrape=true", Strings(http["Tags"]));
        var health = Assert.Single(http["Checks"]!.AsArray())!;
        Assert.Equal("http", Text(health["Type"]));
        Assert.Equal("/health", Text(health["Path"]));
        Assert.Null(health["Method"]);
        Assert.True(health["Interval"]!.GetValue<long>() > 0 && health["Timeout"]!.GetValue<long>() > 0);
        Assert.Equal(2, services.Count);

        // A check on a group service restarts a task only when it names one.
        Assert.All(services.SelectMany(s => s["Checks"]!.AsArray()).Where(c => c!["CheckRestart"] is not null),
            c => Assert.Equal(Text(Task(job)["Name"]), Text(c!["TaskName"])));
        Assert.NotNull(health["CheckRestart"]);
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Args_ListenOnTheJobsPorts_KeysWhereTheTemplatesWriteThem(string file)
    {
        var task = Task(await ApiJobAsync(file));
        var args = Strings(task["Config"]!["args"]);

        Assert.Equal("0.0.0.0:${NOMAD_PORT_ssh}", After(args, "--listen"));
        Assert.Equal("0.0.0.0:${NOMAD_PORT_http}", After(args, "--http-listen"));
        var destinations = Templates(task).Select(t => Text(t["DestPath"])).ToList();
        foreach (var (flag, name) in new[] { ("--host-key", "host_ed25519"), ("--authorized-keys", "authorized_keys") })
        {
            Assert.Equal("${NOMAD_SECRETS_DIR}/" + name, After(args, flag));
            Assert.Contains("secrets/" + name, destinations);
        }
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task HostKeyTemplate_Mode0600_RestartsOnRotation(string file)
    {
        var template = Template(Task(await ApiJobAsync(file)), "secrets/host_ed25519");

        Assert.Equal("0600", Text(template["Perms"]));
        Assert.Equal("restart", Text(template["ChangeMode"]));
        Assert.Matches(@"\{\{-? *with nomadVar ""[^""]+"" *\}\}\{\{ *\.host_ed25519 *\}\}\{\{ *end *-?\}\}", Text(template["EmbeddedTmpl"]));
        Assert.Null(template["Envvars"]);
    }

    /// <summary>Styx re-reads authorized_keys itself when Nomad renames the new file over it, so a key added to the
    /// variable applies without a restart (AuthorizedKeysFileTests covers the rename).</summary>
    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task AuthorizedKeysTemplate_Mode0600_NoRestartOnChange(string file)
    {
        var template = Template(Task(await ApiJobAsync(file)), "secrets/authorized_keys");

        Assert.Equal("0600", Text(template["Perms"]));
        Assert.Equal("noop", Text(template["ChangeMode"]));
        Assert.Matches(@"\{\{ *\.authorized_keys *\}\}", Text(template["EmbeddedTmpl"]));
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task TokenTemplate_RendersEveryRolesTokenIntoTheEnvironment_FromANomadVariable(string file)
    {
        var task = Task(await ApiJobAsync(file));
        var template = Assert.Single(Templates(task), t => t["Envvars"]?.GetValue<bool>() == true);
        var body = Text(template["EmbeddedTmpl"]);

        Assert.Matches(@"^\{\{-? *with nomadVar ""[^""]+"" *\}\}", body);
        foreach (var role in new[] { "VIEWER", "OPERATOR", "ADMIN" })
        {
            // The value is a template action reading the variable's item, never text written in the file.
            Assert.Matches(new Regex($@"^STYX_NOMAD__TOKENS__{role}=\{{\{{ *\.[a-z_]+ *\}}\}}$", RegexOptions.Multiline), body);
        }

        Assert.Equal("restart", Text(template["ChangeMode"]));
        Assert.Equal("0600", Text(template["Perms"]));
        Assert.StartsWith("secrets/", Text(template["DestPath"]), StringComparison.Ordinal);
        Assert.DoesNotContain(task["Env"]!.AsObject(), e => e.Key.StartsWith("STYX_NOMAD__TOKENS__", StringComparison.Ordinal) || e.Key == "NOMAD_TOKEN");
    }

    /// <summary>
    /// A task's workload identity may read exactly nomad/jobs/JOB, nomad/jobs/JOB/GROUP and nomad/jobs/JOB/GROUP/TASK
    /// (Nomad's implicit policy); a template reading any other path would wait forever for a variable it may not see.
    /// </summary>
    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task EveryNomadVariableRead_IsAPathTheTaskMayRead(string file)
    {
        var job = await ApiJobAsync(file);
        var readable = ReadablePaths(job);

        var paths = Templates(Task(job)).SelectMany(t => Regex.Matches(Text(t["EmbeddedTmpl"]), @"nomadVar ""([^""]+)""").Select(m => m.Groups[1].Value)).ToList();

        Assert.Equal(3, paths.Count);
        Assert.All(paths, path => Assert.Contains(path, readable));
        Assert.Equal(3, paths.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Update_AutoRevertsWhenChecksFail_NoCanaryBesideTheStaticPort(string file)
    {
        var update = (await ApiJobAsync(file))["Update"]!;

        Assert.True(update["AutoRevert"]!.GetValue<bool>());
        Assert.Equal("checks", Text(update["HealthCheck"]));
        Assert.Equal(1, update["MaxParallel"]!.GetValue<long>());
        Assert.True(update["Canary"] is null || update["Canary"]!.GetValue<long>() == 0);
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task KillTimeout_TenSecondsAfterSigterm_AboveTheGracefulShutdownBudget(string file)
    {
        var task = Task(await ApiJobAsync(file));

        Assert.Equal(TimeSpan.FromSeconds(10).Ticks * 100, task["KillTimeout"]!.GetValue<long>());
        Assert.True(TimeSpan.FromTicks(task["KillTimeout"]!.GetValue<long>() / 100) > s_gracefulShutdown);
        Assert.Equal("SIGTERM", Text(task["KillSignal"]));
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task Resources_256MBReserved_UpTo1GB(string file)
    {
        var resources = Task(await ApiJobAsync(file))["Resources"]!;

        Assert.Equal(256, resources["MemoryMB"]!.GetValue<long>());
        Assert.Equal(1024, resources["MemoryMaxMB"]!.GetValue<long>());
        Assert.True(resources["CPU"]!.GetValue<long>() > 0);
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task NoTokenShapedLiteral_InAnyParsedStringOrTheRawText(string file)
    {
        var job = await files.JobAsync(file);

        Assert.Empty(TokenShapes.InStrings(job.Hcl));
        Assert.Empty(TokenShapes.In(job.Text, file));
    }

    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task ApiJob_FitsNomadsJobSchema(string file)
    {
        var job = await ApiJobAsync(file);

        Assert.Empty(files.Schema.Validate(job));
        Assert.Equal("styx-tui", Text(job["ID"]));
        Assert.Equal("service", Text(job["Type"]));
    }

    /// <summary>The same file deploys a second copy: everything that must differ between copies comes from variables.</summary>
    [Theory]
    [MemberData(nameof(JobFiles))]
    public async Task DevCopy_VariablesRenameTheJobItsPortServicesAndVariablePaths(string file)
    {
        var job = await ApiJobAsync(file, new()
        {
            ["job_name"] = "styx-tui-dev",
            ["namespace"] = "dev",
            ["ssh_port"] = 2223,
            ["datacenters"] = new JsonArray("lab"),
        });

        Assert.Empty(files.Schema.Validate(job));
        Assert.Equal("styx-tui-dev", Text(job["ID"]));
        Assert.Equal("styx-tui-dev", Text(job["Name"]));
        Assert.Equal("dev", Text(job["Namespace"]));
        Assert.Equal(["lab"], Strings(job["Datacenters"]));
        Assert.Equal(2223, Group(job)["Networks"]![0]!["ReservedPorts"]![0]!["Value"]!.GetValue<long>());
        Assert.Equal(["styx-tui-dev", "styx-tui-dev-http"], Group(job)["Services"]!.AsArray().Select(s => Text(s!["Name"])).Order());
        var readable = ReadablePaths(job);
        Assert.All(Templates(Task(job)), t => Assert.Contains(Regex.Match(Text(t["EmbeddedTmpl"]), @"nomadVar ""([^""]+)""").Groups[1].Value, readable));
        Assert.StartsWith("nomad/jobs/styx-tui-dev", readable[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeployFiles.RawExecJob, "artifact_url")]
    [InlineData(DeployFiles.RawExecJob, "artifact_sha256")]
    [InlineData(DeployFiles.ContainerJob, "image")]
    public async Task RequiredVariable_NotGiven_FailsNamingIt(string file, string variable)
    {
        var job = await files.JobAsync(file);
        var vars = RequiredVars(file).Where(v => v.Key != variable).ToDictionary();

        var error = Assert.Throws<InvalidDataException>(() => job.Resolve(vars));

        Assert.Contains($"variable '{variable}' has no value", error.Message, StringComparison.Ordinal);
        Assert.False(job.Variables[variable].ContainsKey("default"));
    }

    [Fact]
    public async Task RawExec_RunsThePublishedTarballsBinary_FetchedOnlyWithItsChecksum()
    {
        var task = Task(await ApiJobAsync(DeployFiles.RawExecJob));

        Assert.Equal("raw_exec", Text(task["Driver"]));
        var artifact = Assert.Single(task["Artifacts"]!.AsArray())!;
        Assert.Equal(Text(RequiredVars(DeployFiles.RawExecJob)["artifact_url"]), Text(artifact["GetterSource"]));
        Assert.Equal("sha256:" + s_checksum, Text(artifact["GetterOptions"]!["checksum"]));
        Assert.Equal("local/", Text(artifact["RelativeDest"]));
        Assert.Equal("local/styx-tui", Text(task["Config"]!["command"]));
        Assert.Equal("http://127.0.0.1:4646", Text(task["Env"]!["NOMAD_ADDR"]));
    }

    [Fact]
    public async Task Container_RunsTheImage_PublishesBothPorts_ReachesNomadAtTheNodesAddress()
    {
        var task = Task(await ApiJobAsync(DeployFiles.ContainerJob));

        Assert.Equal("container", Text(task["Driver"]));
        Assert.Equal(Text(RequiredVars(DeployFiles.ContainerJob)["image"]), Text(task["Config"]!["image"]));
        Assert.Equal(["ssh", "http"], Strings(task["Config"]!["ports"]));
        Assert.Null(task["Artifacts"]);
        Assert.Equal("http://${attr.unique.network.ip-address}:4646", Text(task["Env"]!["NOMAD_ADDR"]));
    }

    /// <summary>The two files are kept by hand; they may differ only in how the binary arrives and reaches Nomad.</summary>
    [Fact]
    public async Task BothFiles_DescribeTheSameJob_ButForDriverArtifactConfigAndNomadAddress()
    {
        var rawExec = await ApiJobAsync(DeployFiles.RawExecJob);
        var container = await ApiJobAsync(DeployFiles.ContainerJob);

        foreach (var job in new[] { rawExec, container })
        {
            var task = Task(job);
            task.Remove("Driver");
            task.Remove("Artifacts");
            var args = task["Config"]!["args"]!.DeepClone();
            task["Config"] = new JsonObject { ["args"] = args };
            task["Env"]!.AsObject().Remove("NOMAD_ADDR");
        }

        Assert.Equal(rawExec.ToJsonString(), container.ToJsonString());
    }

    internal static Dictionary<string, JsonNode?> RequiredVars(string file) => file switch
    {
        DeployFiles.RawExecJob => new()
        {
            ["artifact_url"] = "https://releases.example.invalid/styx-tui/styx-tui-1.4.0-osx-arm64.tar.gz",
            ["artifact_sha256"] = s_checksum,
        },
        DeployFiles.ContainerJob => new() { ["image"] = "registry.example.invalid/styx-tui:1.4.0" },
        _ => throw new ArgumentException($"no test variables for {file}", nameof(file)),
    };

    private async Task<JsonObject> ApiJobAsync(string file, Dictionary<string, JsonNode?>? vars = null)
    {
        var job = await files.JobAsync(file);
        var given = RequiredVars(file);
        foreach (var (name, value) in vars ?? [])
        {
            given[name] = value;
        }

        return ApiJob.From(job.Job.Label, job.Resolve(given));
    }

    /// <summary>The Nomad variable paths the job's one task may read under Nomad's implicit workload policy.</summary>
    private static List<string> ReadablePaths(JsonObject job)
    {
        var root = $"nomad/jobs/{Text(job["ID"])}";
        var group = Group(job);
        return [root, $"{root}/{Text(group["Name"])}", $"{root}/{Text(group["Name"])}/{Text(Task(job)["Name"])}"];
    }

    private static JsonObject Group(JsonObject job) => Assert.Single(job["TaskGroups"]!.AsArray())!.AsObject();

    private static JsonObject Task(JsonObject job) => Assert.Single(Group(job)["Tasks"]!.AsArray())!.AsObject();

    private static IEnumerable<JsonObject> Templates(JsonObject task) => task["Templates"]!.AsArray().Select(t => t!.AsObject());

    private static JsonObject Template(JsonObject task, string destination) => Assert.Single(Templates(task), t => Text(t["DestPath"]) == destination);

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? throw new Xunit.Sdk.XunitException("expected text, found nothing");

    private static List<string> Strings(JsonNode? node) => [.. (node?.AsArray() ?? []).Select(Text)];

    private static string After(List<string> args, string flag)
    {
        var at = args.IndexOf(flag);
        Assert.True(at >= 0 && at + 1 < args.Count, $"{flag} is not in the args: {string.Join(' ', args)}");
        return args[at + 1];
    }
}
