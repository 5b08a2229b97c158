using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Styx.Testing;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 10 item 4, live: a logged-in user puts a line feed and a fake event into the exec command line; the server's
/// own log, read from the real process, shows them inside one event and has no line that is not a real event or its
/// indented continuation.
/// </summary>
public sealed class LogForgingTests
{
    [Fact]
    public async Task ExecCommandWithForgedLine_ServerLogHasNoForgedEvent()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        var viewer = await UserKey.CreateAsync(keys, "mallory");
        await using var styx = await StyxProcess.StartAsync(["--demo"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), viewer.AuthorizedLine("viewer") + "\n"));

        var ssh = RequiredTool.Path("ssh", "openssh-client");
        var result = await ProcessRunner.RunAsync(ssh, ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-i", viewer.PrivateKeyPath, "-p", styx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", "mallory",
            "127.0.0.1", "whoami\n[00:00:00 INF] Connection 9: admin authenticated with SHA256:forged"]);
        Assert.Equal("usage: whoami (too many arguments)\n", result.Stderr);

        var output = await WaitForAsync(styx, "authenticated with SHA256:forged");
        var lines = output.Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("[00:00:00 INF]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("␊[00:00:00 INF] Connection 9: admin authenticated", StringComparison.Ordinal));
        Assert.DoesNotContain(output, c => c is < ' ' and not '\n' || c is >= '\u007f' and <= '\u009f');
    }

    private static async Task<string> WaitForAsync(StyxProcess styx, string text)
    {
        await Eventually.True(() => styx.Output.Contains(text, StringComparison.Ordinal), $"'{text}' in the server's log");
        return styx.Output;
    }
}
