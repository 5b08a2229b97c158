using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.Deploy.Tests;

/// <summary><c>deploy/ssh_config.example</c> means to OpenSSH what deploy/README.md says it does (<c>ssh -G</c> prints
/// the configuration a connection would use), and the README shows that same file.</summary>
public sealed class SshConfigExampleTests
{
    private const string Example = "deploy/ssh_config.example";

    [Theory]
    [InlineData("styx.local", "styx.local", "2222")]
    [InlineData("styx", "server-mac.tailnet-name.ts.net", "22")]
    public async Task Host_ResolvesToTheServerAndPort(string host, string hostName, string port)
    {
        var ssh = RequiredTool.Path("ssh", "openssh-client");

        var result = await ProcessRunner.RunAsync(ssh, ["-G", "-F", Support.RepositoryRoot.File(Example), host]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var settings = result.Stdout.Split('\n').Select(l => l.Split(' ', 2)).Where(p => p.Length == 2).ToLookup(p => p[0], p => p[1].Trim());
        Assert.Equal(hostName, Assert.Single(settings["hostname"]));
        Assert.Equal(port, Assert.Single(settings["port"]));
    }

    [Fact]
    public void Readme_ShowsTheExampleAsItIs() =>
        Assert.Contains(DeployFiles.Read(Example).Trim(), DeployFiles.Read("deploy/README.md"), StringComparison.Ordinal);
}
