using System.Globalization;
using System.Text.RegularExpressions;
using Styx.Cluster.Loki;
using Styx.Cluster.Tests.Support;

namespace Styx.Cluster.Tests.Loki;

/// <summary>The live tail keeps every line, once, across the server closing its socket.</summary>
public sealed partial class LokiTailTests : IAsyncLifetime
{
    private DemoCluster _demo = null!;

    public async Task InitializeAsync() => _demo = await DemoCluster.StartAsync();

    public async Task DisposeAsync() => await _demo.DisposeAsync();

    [Fact]
    public async Task Tail_ServerClosesTwice_ContiguousSequencesNoLossNoRepeat()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var loki = new LokiClient(new LokiClientOptions { Address = _demo.Server.LokiAddress }, TimeProvider.System);
        _demo.Server.StartLogBurst("api", 400);
        var sequences = new Dictionary<string, List<long>>();
        var received = 0;
        var closes = 0;
        var errors = 0;
        await foreach (var batch in loki.TailAsync("{job=\"api\", stream=\"stdout\"} |= \"burst seq=\"", TimeProvider.System.GetUtcNow(), 100, timeout.Token))
        {
            if (batch.Error is not null)
            {
                errors++;
                continue;
            }

            foreach (var entry in batch.Entries)
            {
                var match = Sequence().Match(entry.Line);
                Assert.True(match.Success, entry.Line);
                var key = entry.Labels["alloc_id"];
                (sequences.TryGetValue(key, out var list) ? list : sequences[key] = []).Add(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));
                received++;
            }

            // Close from the server side twice, each time once the client's new socket is open (after a drop it first
            // fetches what it missed over HTTP, so lines flow before the socket is back) and lines have flowed.
            if (closes < 2 && closes == errors && TailsOpened() == closes + 1 && _demo.Server.OpenLokiTails == 1 && received >= 200 * (closes + 1))
            {
                _demo.Server.CloseLokiTails();
                closes++;
            }

            // Lines missed during a drop come first by query_range, before the new socket opens: go on until the
            // demo has seen the third tail too.
            if (closes == 2 && errors >= 2 && received >= 800 && TailsOpened() >= 3)
            {
                break;
            }
        }

        _demo.Server.StopLogBurst("api");
        Assert.Equal(2, sequences.Count);
        foreach (var (allocation, seen) in sequences)
        {
            // Contiguous from the first line the tail saw: nothing lost, nothing repeated.
            Assert.Equal(Enumerable.Range(0, seen.Count).Select(i => seen[0] + i), seen);
        }

        Assert.True(TailsOpened() >= 3, $"{TailsOpened()} tails opened");

        int TailsOpened() => _demo.Server.Requests.All.Count(r => r.Path == "/loki/api/v1/tail" && r.Status == 101);
    }

    [Fact]
    public async Task Tail_BadQuery_LokiExceptionWithLokisText()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var loki = new LokiClient(new LokiClientOptions { Address = _demo.Server.LokiAddress }, TimeProvider.System);
        var error = await Assert.ThrowsAsync<LokiException>(async () =>
        {
            await foreach (var _ in loki.TailAsync("{job=\"web\"", TimeProvider.System.GetUtcNow(), 100, timeout.Token))
            {
            }
        });
        Assert.Equal("parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,", error.Message);
        Assert.Equal(400, error.StatusCode);
    }

    [GeneratedRegex(@"burst seq=(\d+) ")]
    private static partial Regex Sequence();
}
