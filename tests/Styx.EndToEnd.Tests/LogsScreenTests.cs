using System.Globalization;
using System.Text.RegularExpressions;
using Styx.EndToEnd.Tests.Support;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// The Logs screen as an on-call person uses it: <c>styx-tui --demo</c> as a process, OpenSSH in tmux, keys sent,
/// the screen (with its colours) read back. web's demo log has a JSON error line every 10 s per allocation.
/// </summary>
public sealed partial class LogsScreenTests : IAsyncLifetime
{
    private StyxProcess _styx = null!;
    private UserKey _viewer = null!;

    public async Task InitializeAsync()
    {
        var keys = Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName;
        _viewer = await UserKey.CreateAsync(keys, "oncall");
        _styx = await StyxProcess.StartAsync(["--demo"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), _viewer.AuthorizedLine("viewer") + "\n"));
    }

    public async Task DisposeAsync() => await _styx.DisposeAsync();

    [Fact]
    public async Task L_OnWeb_LiveMarkedLines_ErrorFilterHighlightsNewMatches_JsonPretty_EscBack()
    {
        var ssh = $"{RequiredTool.Path("ssh", "openssh-client")} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i {_viewer.PrivateKeyPath} -p {_styx.Port} -t oncall@127.0.0.1";
        await using var tmux = await Tmux.StartAsync(ssh, 140, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        await tmux.WaitForTextAsync("3/3 ready");
        await tmux.TypeAsync(":jobs");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("Styx ▸ Jobs");
        await tmux.TypeAsync("/web");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("Jobs (1 of");

        await tmux.TypeAsync("l");
        var first = await tmux.WaitForAsync(screen => Allocations(screen).Count >= 2, "lines from two allocations of web, each marked", TimeSpan.FromSeconds(30));
        Assert.Contains("Styx ▸ Logs web", first, StringComparison.Ordinal);
        var count = Lines(first);
        await tmux.WaitForAsync(screen => Lines(screen) > count, "more lines arriving live", TimeSpan.FromSeconds(30));

        await tmux.TypeAsync("/error");
        await tmux.SendKeysAsync("Enter");
        var filtered = await tmux.WaitForAsync(screen => Matches(screen) > 0, "an error line matched", TimeSpan.FromSeconds(40));
        var matches = Matches(filtered);
        Assert.True(Highlighted(await tmux.CaptureWithAttributesAsync(), "ERROR upstream timed out"), "the matches are highlighted");

        // A matching line that arrives after the filter was set is highlighted when it arrives (it is the newest, at the bottom).
        await tmux.WaitForAsync(screen => Matches(screen) > matches, "a later error line", TimeSpan.FromSeconds(40));
        var later = await tmux.CaptureWithAttributesAsync();
        var newest = later.Split('\n').Last(line => line.Contains("upstream timed out", StringComparison.Ordinal));
        Assert.True(Highlighted(newest, "ERROR upstream timed out"), "the newest error line is highlighted: " + newest);

        // While following, the newest line carries the selection mark, and it may be an error line itself: wait for the
        // selection on an error line with following paused, which only g then n give.
        await tmux.TypeAsync("gn");
        await tmux.WaitForAsync(
            screen => screen.Contains("paused", StringComparison.Ordinal)
                      && screen.Split('\n').Any(l => l.StartsWith('▸') && l.Contains("ERROR upstream timed out", StringComparison.Ordinal)),
            "g then n selected an error line and paused following");

        await tmux.TypeAsync("J");
        var json = await tmux.WaitForTextAsync("\"level\": \"error\",");
        Assert.Contains("\"msg\": \"upstream timed out\",", json, StringComparison.Ordinal);
        await tmux.SendKeysAsync("Escape");
        await tmux.WaitForAsync(screen => !screen.Contains("\"level\": \"error\",", StringComparison.Ordinal), "the JSON box closed");

        await tmux.SendKeysAsync("Escape");
        await tmux.WaitForAsync(screen => !screen.Contains("/error/", StringComparison.Ordinal), "esc cleared the filter");
        await tmux.SendKeysAsync("Escape");
        await tmux.WaitForTextAsync("Jobs (1 of");
        var back = await tmux.CaptureWithAttributesAsync();
        var webRow = back.Split('\n').First(l => Plain(l).TrimStart().StartsWith("web ", StringComparison.Ordinal));
        Assert.True(Styled(webRow, "web ", 7), "web is still the selected row: " + webRow);
    }

    [Fact]
    public async Task AHostileUserAgentInWebsLog_IsShownAsVisibleText_NoSequenceReachesTheTerminal()
    {
        var ssh = $"{RequiredTool.Path("ssh", "openssh-client")} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i {_viewer.PrivateKeyPath} -p {_styx.Port} -t oncall@127.0.0.1";
        await using var tmux = await Tmux.StartAsync(ssh, 200, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        await tmux.WaitForTextAsync("3/3 ready");
        await tmux.TypeAsync(":logs web");
        await tmux.SendKeysAsync("Enter");
        await tmux.WaitForTextAsync("Nomad live");

        // From here on the client's terminal gets only the Logs screen's frames: record every byte of them.
        var recording = Path.Combine(_styx.Directory, "pane.bytes");
        await tmux.RecordOutputAsync(recording);

        // The demo's web writes a User-Agent with an OSC 52 clipboard write, a clear-screen and a bare CR every 30 s.
        var screen = await tmux.WaitForAsync(s => s.Contains("␛]52;c;", StringComparison.Ordinal), "the hostile User-Agent shown as visible text", TimeSpan.FromSeconds(45));
        var line = screen.Split('\n').First(l => l.Contains("␛]52;c;", StringComparison.Ordinal));
        Assert.Contains("␛[2J", line, StringComparison.Ordinal);
        Assert.Contains("␍", line, StringComparison.Ordinal);
        await Styx.Testing.Eventually.True(() => File.Exists(recording) && File.ReadAllBytes(recording).Length > 0, "the recording has the frames");

        // The line scrolls up a row with each new line, so its cells are sent again: the recording holds its placeholders.
        await Styx.Testing.Eventually.True(() => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(recording)).Contains('\u241B', StringComparison.Ordinal), "the recorded frames carry the hostile line's placeholders");
        var bytes = File.ReadAllBytes(recording);
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("\u001b]52", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[2J", text, StringComparison.Ordinal);
        Assert.DoesNotContain(bytes, b => b is 0x07 or 0x0d);
    }

    /// <summary>The distinct allocation marks at the start of log rows (a space or the selection mark, then 8 hex digits and the task).</summary>
    private static HashSet<string> Allocations(string screen) =>
        [.. screen.Split('\n').Select(l => MarkedRow().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)];

    private static int Lines(string screen) => LineCount().Match(screen) is { Success: true } m ? int.Parse(m.Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) : 0;

    private static int Matches(string screen) => MatchCount().Match(screen) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Whether <paramref name="text"/>, somewhere in <paramref name="captured"/>, is drawn underlined (the match highlight; log text is never underlined otherwise).</summary>
    private static bool Highlighted(string captured, string text) => captured.Split('\n').Any(line => Styled(line, text, 4));

    /// <summary>Whether SGR parameter <paramref name="flag"/> (4 underline, 7 reverse) is on where <paramref name="text"/> starts in a line captured with tmux -e.</summary>
    private static bool Styled(string line, string text, int flag)
    {
        var plainAt = Plain(line).IndexOf(text, StringComparison.Ordinal);
        if (plainAt < 0)
        {
            return false;
        }

        var on = false;
        var seen = 0;
        var i = 0;
        while (i < line.Length && seen <= plainAt)
        {
            if (Sgr().Match(line, i) is { Success: true } sgr && sgr.Index == i)
            {
                var parameters = sgr.Groups[1].Value.Split(';', StringSplitOptions.None);
                for (var p = 0; p < parameters.Length; p++)
                {
                    var value = parameters[p].Length == 0 ? 0 : int.Parse(parameters[p], CultureInfo.InvariantCulture);
                    if (value is 38 or 48 or 58)
                    {
                        p += p + 1 < parameters.Length && parameters[p + 1] == "2" ? 4 : 2;
                    }
                    else if (value == 0 || value == 20 + flag)
                    {
                        on = false;
                    }
                    else if (value == flag)
                    {
                        on = true;
                    }
                }

                i += sgr.Length;
                continue;
            }

            if (seen == plainAt)
            {
                return on;
            }

            // Plain() indexes characters, so text advances one character at a time here too.
            i++;
            seen++;
        }

        return on;
    }

    private static string Plain(string line) => Sgr().Replace(line, "");

    [GeneratedRegex(@"\u001b\[([0-9;:]*)m")]
    private static partial Regex Sgr();

    [GeneratedRegex(@"^[ ▸]([0-9a-f]{8}) \S+ ")]
    private static partial Regex MarkedRow();

    [GeneratedRegex(@" ([0-9,]+) lines")]
    private static partial Regex LineCount();

    [GeneratedRegex(@"/error/ ([0-9]+) match")]
    private static partial Regex MatchCount();
}
