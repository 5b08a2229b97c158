using Styx.Cluster.Audit;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>Issue 11 item 4 for one-shot commands: <c>--namespace NS</c> (or <c>*</c>) addresses another namespace than the session's.</summary>
public sealed class ExecNamespaceTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    private readonly StyxTestServer _styx = fixture.Server;

    [Fact]
    public async Task Jobs_DefaultStagingAndEvery()
    {
        var defaults = await _styx.AsAsync("viewer", "jobs");
        Assert.DoesNotContain("mailer", defaults.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("NAMESPACE", defaults.Stdout, StringComparison.Ordinal);

        var staging = await _styx.AsAsync("viewer", "jobs --namespace staging");
        Assert.True(staging.ExitCode == 0, staging.Stderr);
        Assert.Contains("mailer", staging.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("postgres", staging.Stdout, StringComparison.Ordinal);

        var every = await _styx.AsAsync("viewer", "jobs --namespace=*");
        Assert.Contains("NAMESPACE", every.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, every.Stdout.Split('\n').Count(l => l.StartsWith("web ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Job_EveryNamespace_ShowsOnlyTheAddressedJob()
    {
        // Both namespaces hold a job "web": with * the allocation table must still hold default's web alone (it mixed in
        // staging's allocations before). IDs only: health and status may move on between the two commands.
        var defaults = await _styx.AsAsync("viewer", "job web");
        var every = await _styx.AsAsync("viewer", "job web --namespace=*");
        Assert.True(every.ExitCode == 0, every.Stderr);
        Assert.NotEmpty(AllocationIds(defaults.Stdout));
        Assert.Equal(AllocationIds(defaults.Stdout), AllocationIds(every.Stdout));
    }

    /// <summary>The first column of the allocation table of <c>job</c>'s output (the table headed <c>ID</c>).</summary>
    private static string[] AllocationIds(string jobOutput) =>
        [.. jobOutput.Split('\n')
            .SkipWhile(line => !line.StartsWith("ID ", StringComparison.Ordinal)).Skip(1)
            .TakeWhile(line => line.Length > 0 && !line.StartsWith("deployment ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', 2)[0])];

    [Fact]
    public async Task Scale_InStaging_TheOtherWebUntouched_AuditNamesTheNamespace()
    {
        var before = _styx.Server.State.CurrentIn("default").Definition("web")!.TaskGroups![0].Count;
        var target = _styx.Server.State.CurrentIn("staging").Definition("web")!.TaskGroups![0].Count == 1 ? 2 : 1;
        var result = await _styx.AsAsync("operator", $"scale web web {target} --namespace staging");
        Assert.True(result.ExitCode == 0, result.Stderr);
        await Styx.Testing.Eventually.True(() => _styx.Server.State.CurrentIn("staging").Definition("web")?.TaskGroups![0].Count == target, "staging's web scaled");
        Assert.Equal(before, _styx.Server.State.CurrentIn("default").Definition("web")!.TaskGroups![0].Count);
        Assert.Contains(_styx.ReadAudit(), r => r.Action == "job.scale" && r.Outcome == AuditOutcome.Succeeded && r.Target.Contains("web@staging", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("jobs --namespace", 2, "--namespace needs a name (or * for every namespace)")]
    [InlineData("job mailer", 4, "no job \"mailer\"; `jobs` lists them")]
    public async Task BadNamespaceUse_ClearError(string command, int status, string message)
    {
        var result = await _styx.AsAsync("viewer", command);
        Assert.Equal(status, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr);
    }
}
