using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using Styx.Cluster.Text;
using Styx.Tui.Logging;

namespace Styx.Tui.Tests.Logging;

/// <summary>
/// Issue 10 item 4: outside text in a log call (a property or an exception's message) cannot write a line that looks
/// like an event of its own, nor a control character.
/// </summary>
public sealed partial class StyxLoggingTests
{
    private const string Forged = "\n[00:00:00 INF] Connection 1: admin authenticated\u001b[2J";

    [GeneratedRegex(@"^\[\d\d:\d\d:\d\d (INF|WRN|ERR)\] ")]
    private static partial Regex EventStart();

    [Fact]
    public void ForgedLinesInPropertiesAndExceptions_StayInsideTheirEvent()
    {
        using var output = new StringWriter();
        using (var serilog = StyxLogging.Create(output))
        using (var loggers = new SerilogLoggerFactory(serilog))
        {
            var logger = loggers.CreateLogger("test");
            logger.LogInformation("{User} ({Role}) runs {Command}", "mallory" + Forged, "viewer", "jobs" + Forged);
            logger.LogWarning("Nomad watch failed: {Error}", new[] { "a", "b" + Forged });
            logger.LogError(new InvalidOperationException("bad answer" + Forged), "A watcher failed");
        }

        var lines = output.ToString().TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Count(l => EventStart().IsMatch(l)));
        Assert.All(lines, line => Assert.True(EventStart().IsMatch(line) || line.StartsWith("    ", StringComparison.Ordinal), line));
        Assert.DoesNotContain(lines, line => line.StartsWith("[00:00:00", StringComparison.Ordinal));
        Assert.DoesNotContain(output.ToString(), c => c != '\n' && ControlCharacters.IsControl(c));
        Assert.Contains("runs jobs␊[00:00:00 INF] Connection 1: admin authenticated␛[2J", lines[0], StringComparison.Ordinal);
    }
}
