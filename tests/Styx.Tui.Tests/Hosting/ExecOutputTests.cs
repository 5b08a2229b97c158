using System.Text.Json;
using Styx.Cluster.Nomad;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>One-shot read commands: --json round-trips through the client types, text fits 80 columns, bad input says what to type.</summary>
public sealed class ExecOutputTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _styx = fixture.Server;

    [Fact]
    public async Task Json_EveryReadCommand_ParsesIntoClientTypes()
    {
        var nodes = JsonSerializer.Deserialize<List<NodeListStub>>((await Ok("nodes --json")).Stdout, NomadJson.Options)!;
        Assert.Equal(3, nodes.Count);
        var jobs = JsonSerializer.Deserialize<List<JobListStub>>((await Ok("jobs --json")).Stdout, NomadJson.Options)!;
        Assert.Contains(jobs, j => j.ID == "web");
        var job = JsonSerializer.Deserialize<Job>((await Ok("job web --json")).Stdout, NomadJson.Options)!;
        Assert.Equal("web", job.TaskGroups![0].Name);
        var allocations = JsonSerializer.Deserialize<List<AllocationListStub>>((await Ok("allocs web --json")).Stdout, NomadJson.Options)!;
        Assert.All(allocations, a => Assert.Equal("web", a.JobID));
        foreach (var command in new[] { "status --json", "whoami --json", "services --json", "version --json" })
        {
            using var document = JsonDocument.Parse((await Ok(command)).Stdout);
            Assert.NotEqual(JsonValueKind.Undefined, document.RootElement.ValueKind);
        }

        using var whoami = JsonDocument.Parse((await Ok("whoami --json")).Stdout);
        Assert.Equal("viewer", whoami.RootElement.GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("help")]
    [InlineData("status")]
    [InlineData("nodes")]
    [InlineData("jobs")]
    [InlineData("job web")]
    [InlineData("allocs")]
    [InlineData("services")]
    [InlineData("whoami")]
    public async Task Text_ReadCommand_FitsEightyColumns(string command)
    {
        var result = await Ok(command);
        Assert.All(result.Stdout.Split('\n'), line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        Assert.NotEmpty(result.Stdout.Trim());
    }

    [Theory]
    [InlineData("frobnicate", 2, "unknown command \"frobnicate\"; `help` lists the commands")]
    [InlineData("scale web", 2, "usage: scale JOB GROUP COUNT (missing argument)")]
    [InlineData("job", 2, "usage: job JOB (missing argument)")]
    [InlineData("job nope", 4, "no job \"nope\"; `jobs` lists them")]
    [InlineData("allocs nope", 4, "no job \"nope\"; `jobs` lists them")]
    [InlineData("jobs --fast", 2, "unknown option --fast; `help` lists the commands and options")]
    [InlineData("eligibility mac-mini-1 maybe", 2, "eligibility takes on or off, not \"maybe\"")]
    public async Task BadInput_ExitStatusAndOneLineSayingWhatToType(string command, int status, string message)
    {
        var result = await _styx.AsAsync("admin", command);
        Assert.Equal(status, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr);
    }

    [Fact]
    public async Task BadInput_UnknownNodeOrJobInWrites_NotFound()
    {
        var node = await _styx.AsAsync("admin", "drain mac-pro-9");
        Assert.Equal(4, node.ExitCode);
        Assert.Contains("`nodes` lists them", node.Stderr, StringComparison.Ordinal);
        var job = await _styx.AsAsync("operator", "scale nope web 3");
        Assert.Equal(4, job.ExitCode);
        var count = await _styx.AsAsync("operator", "scale web web lots");
        Assert.Equal(2, count.ExitCode);
        Assert.Contains("not a whole number", count.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quoting_QuotedArguments_AsUsersExpect()
    {
        var result = await _styx.AsAsync("operator", "scale \"web\" 'web' 2");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("web/web already has count 2\n", result.Stdout);
    }

    [Fact]
    public async Task Shell_WithoutPty_BannerAndHelp()
    {
        var result = await _styx.SshAsync(_styx.KeyFiles["operator"], "", "-T");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Otto Operator (operator) on styx — demo cluster", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("scale JOB GROUP COUNT", result.Stdout, StringComparison.Ordinal);
    }

    private async Task<Styx.Ssh.Tests.Support.ProcessRunner.Result> Ok(string command)
    {
        var result = await _styx.AsAsync("viewer", command);
        Assert.True(result.ExitCode == 0, $"{command}: {result.Stderr}");
        return result;
    }
}
