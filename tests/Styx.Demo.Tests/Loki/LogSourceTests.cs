using System.Globalization;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Styx.Testing;

namespace Styx.Demo.Tests.Loki;

/// <summary>One log model behind both APIs: Nomad's log endpoint and Loki serve the same lines, bursts and injected lines.</summary>
public sealed partial class LogSourceTests(LokiDemoFixture fixture) : IClassFixture<LokiDemoFixture>
{
    [Fact]
    public async Task NomadAndLoki_SameLinesSameOrder()
    {
        var allocation = await fixture.AllocationAsync("api");
        await Eventually.True(async _ => (await fixture.LinesAsync($"{{alloc_id=\"{allocation}\", stream=\"stdout\"}}")).Count >= 2, "api has written lines");
        var loki = await fixture.LinesAsync($"{{alloc_id=\"{allocation}\", task=\"api\", stream=\"stdout\"}}");
        var nomad = await NomadLinesAsync(allocation, "api", "stdout");
        Assert.True(nomad.Count >= loki.Count, $"Nomad {nomad.Count} lines, Loki {loki.Count}");
        Assert.Equal(loki.Select(l => l.Line), nomad.Take(loki.Count));
        Assert.Equal(loki.Select(l => l.Ns).Order(), loki.Select(l => l.Ns));
    }

    [Fact]
    public async Task InjectedLine_InBothAtOnceAndInLokiAfterATick()
    {
        var allocation = await fixture.AllocationAsync("postgres");
        var line = "injected " + Guid.NewGuid().ToString("N") + " \u001b[31mred\u001b[0m";
        var (timestamp, offset) = fixture.Demo.AppendLogLine(allocation, "postgres", true, line);

        var raw = await fixture.Nomad.GetByteArrayAsync($"/v1/client/fs/logs/{allocation}?task=postgres&type=stderr&plain=true&offset={offset}");
        Assert.StartsWith(line + "\n", Encoding.UTF8.GetString(raw), StringComparison.Ordinal);
        var found = new List<(long Ns, string Line)>();
        await Eventually.True(async _ => (found = await fixture.LinesAsync($"{{alloc_id=\"{allocation}\", stream=\"stderr\"}} |= \"{line[..41]}\"")).Count > 0, "the line reaches Loki");
        Assert.Equal((timestamp, line), Assert.Single(found));
    }

    [Fact]
    public async Task Burst_SequencesContiguousInBoth_TimestampsStrictlyIncreasing()
    {
        fixture.Demo.StartLogBurst("worker", 2000);
        try
        {
            var allocations = (await fixture.Nomad.GetFromJsonAsync<JsonElement>("/v1/job/worker/allocations")).EnumerateArray()
                .Where(a => a.GetProperty("ClientStatus").GetString() == "running").Select(a => a.GetProperty("ID").GetString()!).ToList();
            await Eventually.True(async _ => (await fixture.LinesAsync("{job=\"worker\"} |= \"burst seq=\"")).Count >= 1000, "the burst has written 1000 lines");
            fixture.Demo.StopLogBurst("worker");
            foreach (var allocation in allocations)
            {
                var loki = await fixture.LinesAsync($"{{alloc_id=\"{allocation}\", stream=\"stdout\"}} |= \"burst seq=\"");
                var nomad = (await NomadLinesAsync(allocation, "worker", "stdout")).Where(l => l.Contains("burst seq=", StringComparison.Ordinal)).ToList();
                Assert.NotEmpty(loki);
                Assert.Equal(Enumerable.Range(1, loki.Count).Select(i => (long)i), loki.Select(l => Sequence(l.Line)));
                Assert.Equal(loki.Select(l => l.Line), nomad.Take(loki.Count));
                Assert.All(loki.Zip(loki.Skip(1)), p => Assert.True(p.Second.Ns > p.First.Ns));
                Assert.All(loki, l => Assert.InRange(Encoding.UTF8.GetByteCount(l.Line), 100, 120));
            }
        }
        finally
        {
            fixture.Demo.StopLogBurst("worker");
        }
    }

    [Fact]
    public async Task Tail_HistoryThenNewLines_RecordedWhenOpened_ClosedByKnob()
    {
        var allocation = await fixture.AllocationAsync("web");
        var marker = Guid.NewGuid().ToString("N");
        fixture.Demo.AppendLogLine(allocation, "web", false, marker + " before");
        await Eventually.True(async _ => (await fixture.LinesAsync($"{{job=\"web\"}} |= \"{marker}\"")).Count == 1, "the first line reaches Loki");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = new ClientWebSocket();
        var query = Uri.EscapeDataString($"{{job=\"web\"}} |= \"{marker}\"");
        await socket.ConnectAsync(new Uri(fixture.Demo.LokiAddress.ToString().Replace("http", "ws", StringComparison.Ordinal) + $"loki/api/v1/tail?query={query}"), timeout.Token);
        // The demo records the tail once its side of the upgrade is done, which may come just after the client's.
        await Eventually.True(() => fixture.Demo.Requests.All.Any(r => r.Path == "/loki/api/v1/tail" && r.Query.Contains(marker, StringComparison.Ordinal) && r.Status == 101), "the tail in the request log");

        var history = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal(marker + " before", history!.Value.GetProperty("streams")[0].GetProperty("values")[0][1].GetString());
        Assert.False(history.Value.TryGetProperty("dropped_entries", out _));
        fixture.Demo.AppendLogLine(allocation, "web", false, marker + " after");
        var live = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal(marker + " after", live!.Value.GetProperty("streams")[0].GetProperty("values")[0][1].GetString());

        fixture.Demo.CloseLokiTails();
        Assert.Null(await ReceiveAsync(socket, timeout.Token));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
    }

    private async Task<List<string>> NomadLinesAsync(string allocation, string task, string type)
    {
        var text = await fixture.Nomad.GetStringAsync($"/v1/client/fs/logs/{allocation}?task={task}&type={type}&plain=true");
        return [.. text.Split('\n').SkipLast(1)];
    }

    private static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[1 << 20];
        var length = 0;
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            length += received.Count;
            if (received.EndOfMessage)
            {
                return JsonDocument.Parse(buffer.AsMemory(0, length)).RootElement.Clone();
            }
        }
    }

    private static long Sequence(string line) => long.Parse(SequencePattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"burst seq=(\d+) ")]
    private static partial Regex SequencePattern();
}
