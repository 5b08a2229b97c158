using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Styx.Cluster.Text;
using Styx.Tui.Configuration;
using Styx.Tui.Logging;

namespace Styx.Tui.Tests.Logging;

/// <summary>
/// The server's log (issue 14 item 6): text for a person at a terminal, JSON lines (CLEF) for a program, the format
/// chosen from the injected terminal flag unless set; levels and per-source overrides; a file in JSON. And, in every
/// format (issue 10 item 4), outside text in a log call cannot write a line that looks like an event of its own, nor a
/// control character.
/// </summary>
public sealed partial class StyxLoggingTests : IDisposable
{
    private const string Forged = "\n[00:00:00 INF] Connection 1: admin authenticated\u001b[2J";

    private readonly string _dir = Directory.CreateTempSubdirectory("styx-logging-").FullName;

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d (INF|WRN|ERR)\] ")]
    private static partial Regex EventStart();

    [Fact]
    public void ForgedLinesInPropertiesAndExceptions_Text_StayInsideTheirEvent()
    {
        var output = Log(new LoggingSettings { Format = LogFormat.Text }, terminal: false, LogForgeries);

        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Count(l => EventStart().IsMatch(l)));
        Assert.All(lines, line => Assert.True(EventStart().IsMatch(line) || line.StartsWith("    ", StringComparison.Ordinal), line));
        Assert.DoesNotContain(lines, line => line.StartsWith("[00:00:00", StringComparison.Ordinal));
        Assert.DoesNotContain(output, c => c != '\n' && ControlCharacters.IsControl(c));
        Assert.Contains("runs jobs␊[00:00:00 INF] Connection 1: admin authenticated␛[2J", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void ForgedLinesInPropertiesAndExceptions_Json_OneObjectPerEventWithTheTextMadeVisible()
    {
        var output = Log(new LoggingSettings { Format = LogFormat.Json }, terminal: true, LogForgeries);

        var events = Events(output);
        Assert.Equal(3, events.Count);
        Assert.Equal("jobs␊[00:00:00 INF] Connection 1: admin authenticated␛[2J", events[0].GetProperty("Command").GetString());
        // An exception's text is JSON-escaped inside its string: on the line it is \n and \u001b, never the characters.
        Assert.Contains("bad answer\n[00:00:00 INF]", events[2].GetProperty("@x").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(output, c => c != '\n' && ControlCharacters.IsControl(c));
    }

    [Theory]
    [InlineData(LogFormat.Auto, true, false)]
    [InlineData(LogFormat.Auto, false, true)]
    [InlineData(LogFormat.Text, false, false)]
    [InlineData(LogFormat.Json, true, true)]
    public void Format_AutoFollowsTheTerminalFlag_TextAndJsonOverrideIt(LogFormat format, bool terminal, bool json)
    {
        var output = Log(new LoggingSettings { Format = format }, terminal, loggers => loggers.CreateLogger("Styx.Tui.Hosting.StyxServer").LogInformation("Stopped in {Seconds:0.00} s", 0.25));

        if (json)
        {
            var stopped = Assert.Single(Events(output));
            Assert.Equal("Stopped in 0.25 s", stopped.GetProperty("@m").GetString());
            Assert.Equal("Styx.Tui.Hosting.StyxServer", stopped.GetProperty("SourceContext").GetString());
            Assert.True(stopped.TryGetProperty("@t", out _));
        }
        else
        {
            Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] Stopped in 0\.25 s\n$", output);
        }
    }

    [Fact]
    public void Level_AndOverridesByNamePrefix_DecideWhatIsWritten()
    {
        var settings = new LoggingSettings
        {
            Level = LogEventLevel.Warning,
            Format = LogFormat.Json,
            Overrides = ImmutableDictionary<string, LogEventLevel>.Empty.Add("Styx.Ssh", LogEventLevel.Debug).Add("Styx.Cluster.State", LogEventLevel.Error),
        };

        var output = Log(settings, terminal: false, loggers =>
        {
            loggers.CreateLogger("Styx.Tui.Hosting.StyxServer").LogInformation("tui info");
            loggers.CreateLogger("Styx.Tui.Hosting.StyxServer").LogWarning("tui warning");
            loggers.CreateLogger("Styx.Ssh.Server.SshServer").LogDebug("ssh debug");
            loggers.CreateLogger("Styx.Ssh.Server.SshServer").LogTrace("ssh trace");
            loggers.CreateLogger("Styx.SshOther").LogDebug("not under Styx.Ssh");
            loggers.CreateLogger("Styx.Cluster.State.ClusterState").LogWarning("state warning");
            loggers.CreateLogger("Styx.Cluster.State.ClusterState").LogError("state error");
        });

        Assert.Equal(["tui warning", "ssh debug", "state error"], Events(output).Select(e => e.GetProperty("@m").GetString()));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void File_GetsJsonLines_InADailyFile_WhateverTheConsoleFormat()
    {
        var path = Path.Combine(_dir, "logs", "styx.log");

        var console = Log(new LoggingSettings { Format = LogFormat.Text, FilePath = path }, terminal: true, loggers =>
        {
            loggers.CreateLogger("Styx.Ssh.Server.SshServer").LogInformation("Connection {Id} from {Remote}", 1, "127.0.0.1:5555");
            loggers.CreateLogger("Styx.Ssh.Server.SshServer").LogWarning("Connection {Id} refused", 2);
        });

        Assert.StartsWith("[", console, StringComparison.Ordinal);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(_dir, "logs")));
        // Serilog's daily rolling puts the date before the extension: styx20260314.log.
        Assert.Matches(@"styx\d{8}\.log$", file);
        // Owner only, like the audit log, whatever the umask: the log names users, fingerprints and addresses.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var events = Events(File.ReadAllText(file));
        Assert.Equal(["Connection 1 from 127.0.0.1:5555", "Connection 2 refused"], events.Select(e => e.GetProperty("@m").GetString()));
        Assert.Equal("Warning", events[1].GetProperty("@l").GetString());
    }

    [Fact]
    public void Json_StringsInTheMessageUnquoted_PropertiesKeepTheirTypes_NumbersTheirFormat()
    {
        var output = Log(new LoggingSettings { Format = LogFormat.Json }, terminal: false, loggers =>
            loggers.CreateLogger("Styx.Ssh.Server.SshServer").LogInformation("Connection {Id} from {Remote} ended after {Duration:0.0} s{User}: {Reason}",
                2, "127.0.0.1:5555", 9.52, " (alice)", "closed"));

        var line = Assert.Single(Events(output));
        Assert.Equal("Connection 2 from 127.0.0.1:5555 ended after 9.5 s (alice): closed", line.GetProperty("@m").GetString());
        Assert.Equal("127.0.0.1:5555", line.GetProperty("Remote").GetString());
        Assert.Equal(9.52, line.GetProperty("Duration").GetDouble());
        Assert.Equal(2, line.GetProperty("Id").GetInt32());
    }

    private static void LogForgeries(ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("test");
        logger.LogInformation("{User} ({Role}) runs {Command}", "mallory" + Forged, "viewer", "jobs" + Forged);
        logger.LogWarning("Nomad watch failed: {Error}", new[] { "a", "b" + Forged });
        logger.LogError(new InvalidOperationException("bad answer" + Forged), "A watcher failed");
    }

    /// <summary>What <see cref="StyxLogging"/> writes to its console for the events <paramref name="write"/> logs.</summary>
    private static string Log(LoggingSettings settings, bool terminal, Action<ILoggerFactory> write)
    {
        using var output = new StringWriter();
        using (var serilog = StyxLogging.Create(settings, output, terminal))
        using (var loggers = new SerilogLoggerFactory(serilog))
        {
            write(loggers);
        }

        return output.ToString();
    }

    /// <summary>Every line parsed as one JSON object: a line that is not one fails the test.</summary>
    private static List<JsonElement> Events(string output) =>
        [.. output.TrimEnd('\n').Split('\n').Select(line => JsonDocument.Parse(line).RootElement)];

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
