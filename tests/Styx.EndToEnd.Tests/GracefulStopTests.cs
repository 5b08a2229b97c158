using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Styx.EndToEnd.Tests.Support;
using Styx.Testing;
using Styx.Tui.Tests.Support;
using Xunit.Abstractions;

namespace Styx.EndToEnd.Tests;

/// <summary>
/// Issue 14 item 5 and its acceptance, live: <c>styx-tui --demo</c> as a process with open sessions (the full-screen
/// app in OpenSSH inside tmux, and <c>logs web --follow</c>), stopped by a signal sent to its PID. Every client is told
/// and gets a clean close with an exit status, the audit log holds every session's close record, nothing new gets in
/// while the old process goes, and it exits 0 within 5 s. Each test stops its own server, so none is shared.
/// </summary>
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    private const string Notice = "Styx is restarting; reconnect in a few seconds";

    /// <summary>The acceptance limit from the signal to the process's exit (the Nomad job's kill_timeout is 10 s).</summary>
    private static readonly TimeSpan ExitLimit = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sigterm_ShellAndFollowOpen_BothToldAndClosedWithStatus_AuditComplete_ExitsZeroWithin5s()
    {
        var key = await UserKeyAsync();
        await using var styx = await StartAsync(key);
        await using var tmux = await Tmux.StartAsync(SshCommand(styx.Port, key), 120, 40, new Dictionary<string, string> { ["TERM"] = "xterm-256color" });
        await tmux.WaitForTextAsync("3/3 ready");
        await using var follow = SshClientProcess.Start([.. SshArguments(styx.Port, key), "logs web --follow"]);
        await Eventually.True(() => follow.Stdout.Contains('\n', StringComparison.Ordinal), "the follow printed a line");

        var clock = Stopwatch.StartNew();
        await styx.SignalAsync("TERM");
        var exitCode = await styx.WaitForExitAsync(ExitLimit);
        output.WriteLine($"SIGTERM to exit: {clock.Elapsed.TotalMilliseconds:0} ms");
        foreach (var logged in ServerLogEvents(styx).TakeLast(6))
        {
            output.WriteLine($"{logged.GetProperty("@t").GetString()} {logged.GetProperty("@m").GetString()}");
        }

        Assert.Equal(0, exitCode);

        // The shell: the app left the alternate screen and showed the cursor again, then the notice, then OpenSSH's
        // exit status 0 (it returns the remote status; 255 would mean the connection dropped).
        var screen = await tmux.WaitForTextAsync("[exit 0]");
        Assert.Contains(screen.Split('\n'), line => line.TrimEnd() == Notice);
        Assert.DoesNotContain("Styx ▸", screen, StringComparison.Ordinal);
        Assert.Equal("0", await tmux.PaneFormatAsync("#{alternate_on}"));
        Assert.Equal("1", await tmux.PaneFormatAsync("#{cursor_flag}"));

        // The exec: the notice on stderr, exit status 1 (it was interrupted), not 255.
        var followStatus = await follow.WaitForExitAsync(Eventually.DefaultTimeout);
        Assert.True(followStatus == 1, $"exit {followStatus}, stderr: {follow.Stderr}");
        Assert.EndsWith(Notice + "\n", follow.Stderr, StringComparison.Ordinal);

        var closes = SessionCloses(styx.AuditLogPath);
        Assert.Equal(new[] { "exec 1", "shell 0" }, closes.Select(c => $"{c.Target} {c.ExitStatus}").Order());
        Assert.All(closes, c => Assert.Equal("server stop", c.EndedBy));

        // stderr is not a terminal here: the server's log is JSON lines (CLEF), the last saying how long the stop took.
        Assert.Contains(ServerLogEvents(styx), e => e.GetProperty("@m").GetString()!.StartsWith("Stopped in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sigterm_ClientThatStoppedReading_NewConnectionsRefusedMeanwhile_CutAndExitsZeroWithin5s()
    {
        await using var frozen = await StartWithFrozenFollowAsync();
        var styx = frozen.Styx;
        var clock = Stopwatch.StartNew();
        await styx.SignalAsync("TERM");

        // The silent client holds the stop until the grace runs out: the window in which a reconnect must not land here.
        await Eventually.True(async _ => await ListeningPort.RefusesAsync(styx.Port), "a new connection refused", ExitLimit);
        Assert.False(styx.HasExited, "the listener closed while the process was still stopping");
        var exitCode = await styx.WaitForExitAsync(ExitLimit - clock.Elapsed);
        output.WriteLine($"SIGTERM to exit with a silent client: {clock.Elapsed.TotalMilliseconds:0} ms");

        Assert.Equal(0, exitCode);
        Assert.Equal(new[] { "exec 1" }, SessionCloses(styx.AuditLogPath).Select(c => $"{c.Target} {c.ExitStatus}"));
        Assert.Contains(ServerLogEvents(styx), e => e.GetProperty("@m").GetString()!.Contains("were cut", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondSigterm_WhileAClientHoldsTheStop_CutsAtOnce_ExitsZero()
    {
        await using var frozen = await StartWithFrozenFollowAsync();
        var styx = frozen.Styx;
        var clock = Stopwatch.StartNew();
        await styx.SignalAsync("TERM");
        await Eventually.True(async _ => await ListeningPort.RefusesAsync(styx.Port), "the stop began (the listener is closed)", ExitLimit);
        await styx.SignalAsync("TERM");

        // Well before the 3.5 s the silent client would otherwise be given.
        var exitCode = await styx.WaitForExitAsync(TimeSpan.FromSeconds(3));
        output.WriteLine($"two SIGTERMs to exit with a silent client: {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(0, exitCode);
        Assert.Contains(ServerLogEvents(styx), e => e.GetProperty("@m").GetString()!.Contains("were cut", StringComparison.Ordinal));
    }

    /// <summary>
    /// styx-tui with one <c>logs web --follow</c> client that has stopped answering (SIGSTOP: a laptop gone to sleep), so
    /// it never confirms its channel's close and a stop must wait for it until the grace runs out. Disposing resumes the
    /// client, then ends it and the server.
    /// </summary>
    private static async Task<FrozenFollow> StartWithFrozenFollowAsync()
    {
        var key = await UserKeyAsync();
        var styx = await StartAsync(key);
        var follow = SshClientProcess.Start([.. SshArguments(styx.Port, key), "logs web --follow"]);
        var frozen = new FrozenFollow(styx, follow);
        try
        {
            await Eventually.True(() => follow.Stdout.Contains('\n', StringComparison.Ordinal), "the follow printed a line");
            await SignalAsync(follow.ProcessId, "STOP");
            return frozen;
        }
        catch
        {
            await frozen.DisposeAsync();
            throw;
        }
    }

    private sealed record FrozenFollow(StyxProcess Styx, SshClientProcess Follow) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await SignalAsync(Follow.ProcessId, "CONT");
            await Follow.DisposeAsync();
            await Styx.DisposeAsync();
        }
    }

    /// <summary>Ctrl+C in the terminal styx-tui runs in: the same stop, and the log on that terminal is human text.</summary>
    [Fact]
    public async Task CtrlC_InItsTerminal_FollowToldAndClosed_ExitsZero_LogIsText()
    {
        var key = await UserKeyAsync();
        var directory = Directory.CreateTempSubdirectory("styx-e2e-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(directory, "keys"));
            Directory.CreateDirectory(Path.Combine(directory, "home"));
            await File.WriteAllTextAsync(Path.Combine(directory, "keys", "authorized_keys"), key.AuthorizedLine("viewer") + "\n");
            var port = StyxProcess.FreePort();
            var command = $"cd '{directory}' && HOME='{directory}/home' dotnet '{StyxProcess.StyxTuiDll()}' --demo --listen 127.0.0.1:{port}";
            await using var tmux = await Tmux.StartAsync(command, 200, 50);
            await tmux.WaitForTextAsync("connect with:", TimeSpan.FromSeconds(60));
            await using var follow = SshClientProcess.Start([.. SshArguments(port, key), "logs web --follow"]);
            await Eventually.True(() => follow.Stdout.Contains('\n', StringComparison.Ordinal), "the follow printed a line");

            await tmux.SendKeysAsync("C-c");

            var screen = await tmux.WaitForTextAsync("[exit 0]", ExitLimit);
            Assert.Matches(@"\[\d\d:\d\d:\d\d INF\] Stopped in", screen);
            Assert.Equal(1, await follow.WaitForExitAsync(Eventually.DefaultTimeout));
            Assert.EndsWith(Notice + "\n", follow.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<UserKey> UserKeyAsync() =>
        await UserKey.CreateAsync(Directory.CreateTempSubdirectory("styx-e2e-keys-").FullName, "alice");

    private static Task<StyxProcess> StartAsync(UserKey key) =>
        StyxProcess.StartAsync(["--demo", "--audit-log", "logs/audit.jsonl"], directory =>
            File.WriteAllText(Path.Combine(directory, "keys", "authorized_keys"), key.AuthorizedLine("operator") + "\n"));

    private static List<string> SshArguments(int port, UserKey key) =>
    [
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-n",
        "-i", key.PrivateKeyPath, "-p", port.ToString(CultureInfo.InvariantCulture), "alice@127.0.0.1",
    ];

    private static string SshCommand(int port, UserKey key) =>
        $"{RequiredTool.Path("ssh", "openssh-client")} -tt -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -i {key.PrivateKeyPath} -p {port} alice@127.0.0.1";

    private sealed record SessionClose(string Target, string ExitStatus, string? EndedBy);

    private static List<SessionClose> SessionCloses(string auditLog) =>
        [.. File.ReadAllLines(auditLog)
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(record => record.GetProperty("action").GetString() == "session.close")
            .Select(record =>
            {
                var arguments = record.GetProperty("arguments");
                return new SessionClose(record.GetProperty("target").GetString()!, arguments.GetProperty("exitStatus").GetString()!,
                    arguments.TryGetProperty("endedBy", out var endedBy) ? endedBy.GetString() : null);
            })];

    /// <summary>The server's log events: every line of its output that is a JSON object (its stdout has the start-up lines in text).</summary>
    private static List<JsonElement> ServerLogEvents(StyxProcess styx) =>
        [.. styx.Output.Split('\n').Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)];

    private static async Task SignalAsync(int processId, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, processId.ToString(CultureInfo.InvariantCulture) } })!;
        await kill.WaitForExitAsync();
    }
}
