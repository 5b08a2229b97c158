using Styx.Cluster.Access;
using Styx.Cluster.Nomad;
using Styx.Cluster.Text;
using Styx.Tui.Tests.Shell;
using Styx.Tui.Tests.Support;
using Styx.Testing;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// Issue 10 item 3, the live check: anyone who can submit a Nomad job can name it with escape sequences. An admin's
/// <c>ssh styx jobs</c> (and <c>job</c>, and the full-screen Jobs screen) shows them as visible placeholders and sends
/// no control byte that came from the cluster.
/// </summary>
public sealed class UntrustedTextTests(UntrustedTextTests.HostileJobServer fixture) : IClassFixture<UntrustedTextTests.HostileJobServer>
{
    /// <summary>Retitles the terminal (OSC 0, ended by BEL) and clears the screen (CSI 2 J), then a forged table row.</summary>
    private const string Evil = "evil\u001b]0;x\u0007\u001b[2J\u009b31m\nweb  fake";
    private const string EvilShown = "evil␛]0;x␇␛[2J␛[31m␊web  fake";

    private readonly StyxTestServer _styx = fixture.Server;

    /// <summary>The server of this class, with a job someone submitted under a hostile name.</summary>
    public sealed class HostileJobServer : StyxServerFixture
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            using var admin = new NomadClient(new NomadClientOptions { Address = Server.Demo.NomadAddress, Token = Server.Demo.Acl.Admin.SecretId });
            var web = (await admin.Api.GetJobAsync("web", null, null, CancellationToken.None)).Body();
            await admin.Api.RegisterJobAsync(new JobRegisterRequest { Job = web with { ID = Evil, Name = Evil } }, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("jobs")]
    [InlineData("allocs")]
    [InlineData("job 'evil\u001b]0;x\u0007\u001b[2J\u009b31m\nweb  fake'")]
    public async Task Exec_HostileJobName_NoControlByteReachesTheClient(string command)
    {
        var result = await WaitForEvilAsync(command);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain(result.Stdout, c => c != '\n' && ControlCharacters.IsControl(c));
        Assert.Contains(EvilShown[..12], result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Stdout.Split('\n'), line => line.StartsWith("web  fake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Exec_WithPty_OnlyOurOwnLineEndings()
    {
        await WaitForEvilAsync("jobs");
        var result = await _styx.SshAsync(_styx.KeyFiles["admin"], "jobs", "-tt");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.DoesNotContain(result.Stdout.Replace("\r\n", "\n", StringComparison.Ordinal), c => c != '\n' && ControlCharacters.IsControl(c));
    }

    [Fact]
    public async Task FullScreen_HostileJobName_ShownAsPlaceholders_NothingRawWritten()
    {
        await using var shell = await ShellHarness.StartAsync(_styx, Role.Admin);
        await shell.OpenJobsAsync();
        shell.Type("/evil\r");
        var screen = await shell.WaitForAsync("evil␛]0;x␇␛[2J");
        Assert.Contains("web  fake", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("]0;x\u0007", shell.Written, StringComparison.Ordinal);
        Assert.DoesNotContain('\u009b', shell.Written);
    }

    /// <summary>The new job reaches the shared snapshot through the watch; exec reads that snapshot.</summary>
    private async Task<Styx.Ssh.Tests.Support.ProcessRunner.Result> WaitForEvilAsync(string command)
    {
        await Eventually.True(() => _styx.Server.State.Current.Jobs.Any(j => j.ID.StartsWith("evil", StringComparison.Ordinal)), "the hostile job in the shared snapshot");
        return await _styx.AsAsync("admin", command);
    }
}
