using System.Text.Json.Nodes;
using Styx.Deploy.Tests.Nomad;
using Styx.Deploy.Tests.Support;

namespace Styx.Deploy.Tests;

/// <summary>
/// The checks behind <see cref="JobFileTests.ApiJob_FitsNomadsJobSchema"/> can fail: a wrong type, a misspelt field
/// at any depth or a number outside int64 breaks the schema, and an HCL key the converter does not know, or text the
/// parser cannot read, stops the conversion instead of being dropped.
/// </summary>
public sealed class JobSchemaTests(DeployFiles files) : IClassFixture<DeployFiles>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("styx-deploy-").FullName;

    [Fact]
    public async Task KillTimeoutAsText_IsRefused()
    {
        var job = await ValidJobAsync();
        job["TaskGroups"]![0]!["Tasks"]![0]!["KillTimeout"] = "10s";

        var errors = files.Schema.Validate(job);

        Assert.Contains(errors, e => e.StartsWith("/TaskGroups/0/Tasks/0/KillTimeout:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MisspeltTopLevelField_IsRefused()
    {
        var job = await ValidJobAsync();
        job["TaskGroup"] = job["TaskGroups"]!.DeepClone();
        job.Remove("TaskGroups");

        Assert.Contains(files.Schema.Validate(job), e => e.StartsWith("/TaskGroup:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MisspeltNestedField_IsRefused()
    {
        var job = await ValidJobAsync();
        var template = job["TaskGroups"]![0]!["Tasks"]![0]!["Templates"]![0]!.AsObject();
        template["Destination"] = template["DestPath"]!.DeepClone();
        template.Remove("DestPath");

        Assert.Contains(files.Schema.Validate(job), e => e.StartsWith("/TaskGroups/0/Tasks/0/Templates/0/Destination:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DurationBeyondInt64_IsRefused()
    {
        var job = await ValidJobAsync();
        job["TaskGroups"]![0]!["Services"]![0]!["Checks"]![0]!["Interval"] = JsonNode.Parse("10000000000000000000");

        Assert.Contains(files.Schema.Validate(job), e => e.StartsWith("/TaskGroups/0/Services/0/Checks/0/Interval:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DriverConfig_IsTheDriversOwn_AnyKeyPasses()
    {
        var job = await ValidJobAsync();
        job["TaskGroups"]![0]!["Tasks"]![0]!["Config"]!["anything_the_driver_takes"] = true;

        Assert.Empty(files.Schema.Validate(job));
    }

    [Fact]
    public async Task HclKeyWithoutAnApiName_StopsTheConversionNamingIt()
    {
        var original = DeployFiles.Read(DeployFiles.RawExecJob);
        Assert.Contains("kill_timeout = \"10s\"", original, StringComparison.Ordinal);
        var text = original.Replace("kill_timeout = \"10s\"", "kill_timout  = \"10s\"", StringComparison.Ordinal);
        var path = Path.Combine(_dir, "misspelt.nomad");
        await File.WriteAllTextAsync(path, text);
        var job = new JobFile(path, text, await Hcl2Json.ParseAsync(path));

        var error = Assert.Throws<InvalidDataException>(() => ApiJob.From(job.Job.Label, job.Resolve(JobFileTests.RequiredVars(DeployFiles.RawExecJob))));

        Assert.Contains("job.styx-tui.group.tui.task.server: 'kill_timout' has no Nomad API name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HclSyntaxError_IsReportedByTheParser()
    {
        var path = Path.Combine(_dir, "broken.nomad");
        var original = DeployFiles.Read(DeployFiles.RawExecJob);
        Assert.Contains("kill_timeout = \"10s\"", original, StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, original.Replace("kill_timeout = \"10s\"", "kill_timeout = \"10s", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => Hcl2Json.ParseAsync(path));

        Assert.Contains("broken.nomad", error.Message, StringComparison.Ordinal);
    }

    private async Task<JsonObject> ValidJobAsync()
    {
        var file = await files.JobAsync(DeployFiles.RawExecJob);
        var job = ApiJob.From(file.Job.Label, file.Resolve(JobFileTests.RequiredVars(DeployFiles.RawExecJob)));
        Assert.Empty(files.Schema.Validate(job));
        return job;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
