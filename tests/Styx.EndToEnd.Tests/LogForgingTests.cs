using System.Text.Json;
using Styx.EndToEnd.Tests.Support;
using Styx.Ssh.Tests.Support;
using Styx.Testing;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 10 item 4, live: a logged-in user puts a line feed and a fake event into the exec command line; the server's
/// own log, read from the real process, shows them inside one event and has no line that is not a real event or its
/// indented continuation; in JSON, each event is one object on one line.
/// </summary>
public sealed class LogForgingTests
{
    [Fact]
    public async Task ExecCommandWithForgedLine_TextLog_HasNoForgedEvent()
    {
        var (styx, key) = await StartAsync(["--log-format", "text"]);
        await using var stop = styx;

        var output = await ForgeAsync(styx, key);

        var lines = output.Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("[00:00:00 INF]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("␊[00:00:00 INF] Connection 9: admin authenticated", StringComparison.Ordinal));
        Assert.DoesNotContain(output, c => c is < ' ' and not '\n' || c is >= '\u007f' and <= '\u009f');
    }

    /// <summary>stderr is a pipe here, so the log is JSON lines by itself (issue 14 item 6): one object per line whatever the text.</summary>
    [Fact]
    public async Task ExecCommandWithForgedLine_JsonLog_EveryEventOneObjectOnOneLine()
    {
        var (styx, key) = await StartAsync([]);
        await using var stop = styx;

        var output = await ForgeAsync(styx, key);

        // stdout's start-up lines are text; everything else is an event.
        var events = output.Split('\n').Where(line => !StartupLine(line)).ToList();
        Assert.All(events, line => Assert.StartsWith("{", line, StringComparison.Ordinal));
        var forged = events.Select(line => JsonDocument.Parse(line).RootElement).Single(e => e.TryGetProperty("Command", out _));
        Assert.Equal("whoami␊[00:00:00 INF] Connection 9: admin authenticated with SHA256:forged", forged.GetProperty("Command").GetString());
    }

    private static bool StartupLine(string line) =>
        line.StartsWith("styx-tui ", StringComparison.Ordinal) || line.StartsWith("host key ", StringComparison.Ordinal)
        || line.Contains("authorized key(s) in", StringComparison.Ordinal) || line.StartsWith("connect with: ", StringComparison.Ordinal) || line.Length == 0;

    /// <returns>The server and the private key file of its one user, a viewer.</returns>
    private static async Task<(StyxProcess Styx, string Key)> StartAsync(string[] arguments)
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        var viewer = await UserKey.CreateAsync(keys, "mallory");
        var styx = await StyxProcess.StartAsync(["--demo", .. arguments], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), viewer.AuthorizedLine("viewer") + "\n"));
        return (styx, viewer.PrivateKeyPath);
    }

    /// <summary>Runs an exec whose command line carries a line feed and a fake event; the server's output once it logged it.</summary>
    private static async Task<string> ForgeAsync(StyxProcess styx, string key)
    {
        var ssh = RequiredTool.Path("ssh", "openssh-client");
        var result = await ProcessRunner.RunAsync(ssh, ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
            "-i", key, "-p", styx.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-l", "mallory",
            "127.0.0.1", "whoami\n[00:00:00 INF] Connection 9: admin authenticated with SHA256:forged"]);
        Assert.Equal("usage: whoami (too many arguments)\n", result.Stderr);
        return await WaitForAsync(styx, "authenticated with SHA256:forged");
    }

    private static async Task<string> WaitForAsync(StyxProcess styx, string text)
    {
        await Eventually.True(() => styx.Output.Contains(text, StringComparison.Ordinal), $"'{text}' in the server's log");
        return styx.Output;
    }
}
