using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// The README's first command (issue 10, item 13), as a new user runs it: <c>styx-tui --demo</c> with a HOME that has
/// no SSH keys, started twice in the same directory. Both runs print an ssh command naming the demo key, and the
/// printed command, run from that directory with no other key on offer, logs in.
/// </summary>
public sealed class DemoFirstRunTests
{
    [Fact]
    public async Task DemoTwice_HomeWithoutKeys_EveryRunPrintsTheDemoKeyAndThatCommandLogsIn()
    {
        var directory = Directory.CreateTempSubdirectory("styx-e2e-demo-").FullName;
        try
        {
            foreach (var run in new[] { "first", "second" })
            {
                await using var styx = await StyxProcess.StartAsync(["--demo"], directory: directory);
                var printed = styx.Output.Split('\n').Single(l => l.StartsWith("connect with: ", StringComparison.Ordinal))["connect with: ".Length..];
                Assert.Equal($"ssh -p {styx.Port} -i keys/demo_ed25519 127.0.0.1", printed);

                // The printed words as they are, run where they were printed; IdentitiesOnly and no agent, so only a
                // key the command names can get in (as for a user without that key in ~/.ssh).
                var words = printed.Split(' ');
                var login = await ProcessRunner.RunAsync("env",
                [
                    "-C", directory, RequiredTool.Path("ssh", "openssh-client"), "-F", "/dev/null", "-o", "IdentitiesOnly=yes", "-o", "IdentityAgent=none",
                    "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes", .. words[1..], "whoami",
                ], environment: new Dictionary<string, string> { ["HOME"] = Path.Combine(directory, "home") });
                Assert.True(login.ExitCode == 0, $"{run} run: '{printed}' did not log in: {login.Stderr}");
                Assert.StartsWith("demo (admin) on ", login.Stdout, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
