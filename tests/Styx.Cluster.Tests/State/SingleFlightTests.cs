using Styx.Cluster.State;

namespace Styx.Cluster.Tests.State;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task RunAsync_ConcurrentSameKey_SharesOneFetch()
    {
        var sut = new SingleFlight<string>(CancellationToken.None);
        var release = new TaskCompletionSource();
        var fetches = 0;

        var readers = Enumerable.Range(0, 20).Select(_ => sut.RunAsync("job/web", async ct =>
        {
            Interlocked.Increment(ref fetches);
            await release.Task;
            return "spec";
        }, CancellationToken.None)).ToArray();
        release.SetResult();
        var results = await Task.WhenAll(readers).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(results, r => Assert.Equal("spec", r));
        Assert.Equal(1, fetches);
        Assert.Equal(1, sut.FetchesStarted);
    }

    [Fact]
    public async Task RunAsync_AfterCompletion_FetchesAgainAndFailuresReachEveryWaiter()
    {
        var sut = new SingleFlight<string>(CancellationToken.None);
        Assert.Equal(1, await sut.RunAsync("k", _ => Task.FromResult(1), CancellationToken.None));
        Assert.Equal(2, await sut.RunAsync("k", _ => Task.FromResult(2), CancellationToken.None));

        var gate = new TaskCompletionSource();
        var a = sut.RunAsync<int>("bad", async _ => { await gate.Task; throw new InvalidOperationException("boom"); }, CancellationToken.None);
        var b = sut.RunAsync<int>("bad", _ => Task.FromResult(0), CancellationToken.None);
        gate.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => a.WaitAsync(TimeSpan.FromSeconds(10)));
        await Assert.ThrowsAsync<InvalidOperationException>(() => b.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(3, sut.FetchesStarted);
    }

    [Fact]
    public async Task RunAsync_OneCallerCancels_OthersStillGetTheResult()
    {
        var sut = new SingleFlight<string>(CancellationToken.None);
        var gate = new TaskCompletionSource();
        using var cancelled = new CancellationTokenSource();
        var a = sut.RunAsync("k", async _ => { await gate.Task; return 7; }, cancelled.Token);
        var b = sut.RunAsync("k", _ => Task.FromResult(0), CancellationToken.None);

        cancelled.Cancel();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => a.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(7, await b.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
