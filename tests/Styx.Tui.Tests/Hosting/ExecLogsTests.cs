using System.Text.Json;
using Styx.Cluster.Nomad;
using Styx.Cluster.Text;
using Styx.Ssh.Tests.Support;
using Styx.Testing;
using Styx.Tui.Tests.Support;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// <c>ssh styx logs</c> and <c>ssh styx query</c> (issue 12 item 4) through a real OpenSSH client against the demo
/// cluster: merged and single streams, NDJSON, bad input, a follow that streams until the client is killed and then
/// closes its upstream tails, and log lines that try to take over the terminal.
/// </summary>
public sealed class ExecLogsTests(StyxServerFixture fixture) : IClassFixture<StyxServerFixture>
{
    /// <summary>Writes the clipboard (OSC 52, ended by BEL), clears the screen (CSI 2 J), and returns the cursor (bare CR).</summary>
    private const string Hostile = "copy\u001b]52;c;ZXZpbA==\u0007 wipe\u001b[2J back\rforged";
    private const string HostileShown = "copy␛]52;c;ZXZpbA==␇ wipe␛[2J back␍forged";

    private readonly StyxTestServer _styx = fixture.Server;

    [Fact]
    public async Task Logs_JobWithTwoAllocations_EveryLineSaysWhichAllocationAndTask()
    {
        var web = await RunningWebAsync(2);
        var result = await LinesAsync("logs web");

        var prefixes = web.Select(a => a.ID[..8] + " web ").ToList();
        Assert.All(result.Lines, line => Assert.Contains(prefixes, p => line.StartsWith(p, StringComparison.Ordinal)));
        Assert.True(result.Lines.Count <= 100, $"{result.Lines.Count} lines with the default --limit 100");
    }

    [Fact]
    public async Task Logs_OneAllocationOneTask_RawLinesOnly()
    {
        var allocation = (await RunningWebAsync(1))[0];
        var result = await LinesAsync($"logs {allocation.ID[..6]} --limit 5");

        Assert.InRange(result.Lines.Count, 1, 5);
        Assert.All(result.Lines, line => Assert.False(line.StartsWith(allocation.ID[..8], StringComparison.Ordinal), line));
    }

    [Fact]
    public async Task Logs_Since_ExitsZeroWithLines()
    {
        await RunningWebAsync(2);
        var result = await LinesAsync("logs web --since 5m");

        Assert.NotEmpty(result.Lines);
        if (_styx.Server.Logs.HasLoki)
        {
            Assert.Equal("", result.Stderr);
        }
        else
        {
            Assert.StartsWith("logs: Loki is not configured", result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Logs_Json_OneObjectPerLineWithWhereItCameFrom()
    {
        var web = await RunningWebAsync(2);
        var result = await LinesAsync("logs web --json --limit 20");

        Assert.All(result.Lines, line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            Assert.Equal(["time", "namespace", "job", "allocation", "task", "stream", "line"], root.EnumerateObject().Select(p => p.Name));
            Assert.True(DateTimeOffset.TryParse(root.GetProperty("time").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
            Assert.Equal(("default", "web", "web", "stdout"), (root.GetProperty("namespace").GetString(), root.GetProperty("job").GetString(), root.GetProperty("task").GetString(), root.GetProperty("stream").GetString()));
            Assert.Contains(root.GetProperty("allocation").GetString(), web.Select(a => a.ID));
        });
    }

    [Theory]
    [InlineData("logs nosuchjob", 4, "logs: no job or allocation \"nosuchjob\" in namespace default; `jobs` and `allocs` list them")]
    [InlineData("logs web --task nosuchtask", 4, "logs: job web has no task \"nosuchtask\"; its tasks: web")]
    [InlineData("logs web --group nosuchgroup", 4, "logs: job web has no task group \"nosuchgroup\"; its groups: web")]
    [InlineData("logs web --grep '('", 2, "logs: --grep: Invalid pattern '(' at offset 1. Not enough )'s.")]
    [InlineData("logs web --limit 0", 2, "logs: --limit takes a whole number of lines from 1 to 5000, not \"0\"")]
    [InlineData("logs web --since yesterday", 2, "logs: --since takes a duration from 1s to 30d such as 15m, 2h or 7d, not \"yesterday\"")]
    [InlineData("logs", 2, "usage: logs JOB|ALLOC [--task T] [--group G] [--stderr] [--since 1h] [--limit N] [--grep RE] [--follow] [-t] [--json] (missing argument)")]
    public async Task Logs_BadInput_ExitStatusAndOneLineSayingWhatWasWrong(string command, int status, string message)
    {
        await RunningWebAsync(2);
        var result = await _styx.AsAsync("viewer", command);

        Assert.Equal(status, result.ExitCode);
        Assert.Equal(message + "\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Logs_HostileLine_ShownAsPlaceholders_NoControlByteOnTheChannel()
    {
        var allocation = (await RunningWebAsync(1))[0];
        _styx.Demo.AppendLogLine(allocation.ID, "web", stderr: false, Hostile);

        // Loki has the line from the demo's next tick on (Nomad at once): ask until it is there.
        var text = await LinesAsync($"logs {allocation.ID} --limit 50");
        await Eventually.True(async _ => (text = await LinesAsync($"logs {allocation.ID} --limit 50")).Lines.Contains(HostileShown), "the hostile line is in the history");
        Assert.Contains(HostileShown, text.Lines);
        Assert.DoesNotContain(text.Bytes, b => b is 0x1b or 0x07 or 0x0d);
        Assert.DoesNotContain(text.Stdout, c => c != '\n' && ControlCharacters.IsControl(c));

        var json = await LinesAsync($"logs {allocation.ID} --limit 50 --json");
        Assert.Contains(json.Lines, line => JsonDocument.Parse(line).RootElement.GetProperty("line").GetString() == Hostile);
        Assert.DoesNotContain(json.Bytes, b => b is 0x1b or 0x07 or 0x0d);
    }

    [Fact]
    public async Task Logs_Follow_StreamsNewLines_KilledClientClosesTheUpstreamTails()
    {
        var web = await RunningWebAsync(2);
        await Eventually.True(() => _styx.Server.Logs.Tails.OpenTails == 0, "no tail open before the follow");

        await using var client = SshClientProcess.Start(_styx.SshArguments(_styx.KeyFiles["viewer"], "logs web --follow --limit 5"));
        // The demo server has Loki: one follow is one Loki tail (history joined to it), whatever the allocations.
        await Eventually.True(() => _styx.Server.Logs.Tails.OpenTails == 1, "one upstream Loki tail");
        var marker = "followed " + Guid.NewGuid().ToString("N") + " " + Hostile;
        _styx.Demo.AppendLogLine(web[1].ID, "web", stderr: false, marker);
        await Eventually.True(() => client.Stdout.Contains(web[1].ID[..8] + " web " + marker.Replace(Hostile, HostileShown, StringComparison.Ordinal), StringComparison.Ordinal),
            "the new line streamed to the client, with its allocation");
        Assert.False(client.HasExited, "the follow ended by itself");
        Assert.DoesNotContain(client.StdoutBytes, b => b is 0x1b or 0x07 or 0x0d);
        var lines = client.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == lines.Distinct(StringComparer.Ordinal).Count(), "a line the history printed came again from the follow:\n" + client.Stdout);

        await client.KillAsync();
        await Eventually.True(() => _styx.Server.Logs.Tails.OpenTails == 0, "the follow disposed when its client went away, and its tails closed");
    }

    [Fact]
    public async Task Query_WithLoki_PrintsTheMatchingLines()
    {
        await RunningWebAsync(2);
        var result = await LinesAsync("query '{job=\"web\"}' --since 5m --limit 20");

        Assert.InRange(result.Lines.Count, 1, 20);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Query_Malformed_UsageWithLokisParseError()
    {
        var result = await _styx.AsAsync("viewer", "query '{job=\"web\"' --since 5m");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("query: parse error at line 1, col ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadFlag_Usage()
    {
        var result = await _styx.AsAsync("viewer", "query '{job=\"web\"}' --limit 9999");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("query: --limit takes a whole number of lines from 1 to 5000, not \"9999\"\n", result.Stderr);
    }

    /// <summary>The running allocations of web in the default namespace, once there are at least <paramref name="count"/>.</summary>
    private async Task<List<AllocationListStub>> RunningWebAsync(int count)
    {
        List<AllocationListStub> Running() => [.. _styx.Server.State.CurrentIn("default").Allocations
            .Where(a => a.JobID == "web" && a.Namespace == "default" && a.ClientStatus == "running")
            .OrderBy(a => a.ID, StringComparer.Ordinal)];
        await Eventually.True(() => Running().Count >= count, $"{count} running web allocations");
        return Running();
    }

    /// <summary>Runs <paramref name="command"/> until it prints lines (a task that just started may not have written one yet).</summary>
    private async Task<(List<string> Lines, string Stdout, string Stderr, byte[] Bytes)> LinesAsync(string command)
    {
        ProcessRunner.Result? result = null;
        await Eventually.True(async _ =>
        {
            result = await _styx.AsAsync("viewer", command);
            Assert.True(result.ExitCode == 0, $"{command}: exit {result.ExitCode}: {result.Stderr}");
            return result.Stdout.Length > 0;
        }, $"{command} printed lines");
        return ([.. result!.Stdout.TrimEnd('\n').Split('\n')], result.Stdout, result.Stderr, result.StdoutBytes);
    }
}
