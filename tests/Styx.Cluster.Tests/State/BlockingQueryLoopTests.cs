using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Styx.Cluster.State;

namespace Styx.Cluster.Tests.State;

public sealed class BlockingQueryLoopTests
{
    [Fact]
    public async Task RunAsync_Answers_PassesIndexBackAndReportsOnlyChanges()
    {
        var indexesAsked = new List<ulong>();
        var answers = new Queue<(string, ulong)>([("a", 5), ("a", 5), ("b", 9)]);
        using var cts = new CancellationTokenSource();
        var seen = new List<(string, ulong)>();
        var sut = new BlockingQueryLoop<string>("test", (index, wait, ct) =>
        {
            indexesAsked.Add(index);
            if (answers.Count == 0)
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return Task.FromResult(answers.Dequeue());
        }, TimeSpan.FromSeconds(30), Backoff.Default(new Random(1)), TimeProvider.System, NullLogger.Instance);

        await sut.RunAsync((v, i) => seen.Add((v, i)), ex => Assert.Fail(ex.Message), cts.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([0UL, 5, 5, 9], indexesAsked);
        Assert.Equal([("a", 5UL), ("b", 9UL)], seen);
    }

    [Fact]
    public async Task RunAsync_Failures_BackOffOnTheTimeProviderAndRecover()
    {
        var time = new FakeTimeProvider();
        var calls = 0;
        using var cts = new CancellationTokenSource();
        var errors = new List<string>();
        var data = new TaskCompletionSource<ulong>();
        var sut = new BlockingQueryLoop<int>("test", (index, wait, ct) =>
        {
            calls++;
            return calls <= 3 ? Task.FromException<(int, ulong)>(new HttpRequestException("refused")) : Task.FromResult((1, 42UL));
        }, TimeSpan.FromSeconds(30), new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), new Random(7)), time, NullLogger.Instance);

        var run = sut.RunAsync((v, i) => { data.TrySetResult(i); cts.Cancel(); }, ex => errors.Add(ex.Message), cts.Token);
        for (var i = 0; i < 100 && !data.Task.IsCompleted; i++)
        {
            await Task.Delay(5);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(42UL, await data.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, errors.Count);
        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task RunAsync_IndexGoesBack_ReportsAndResets()
    {
        var answers = new Queue<(int, ulong)>([(1, 100), (2, 50), (3, 51)]);
        var asked = new List<ulong>();
        using var cts = new CancellationTokenSource();
        var seen = new List<ulong>();
        var sut = new BlockingQueryLoop<int>("test", (index, wait, ct) =>
        {
            asked.Add(index);
            if (answers.Count == 0)
            {
                cts.Cancel();
                ct.ThrowIfCancellationRequested();
            }

            return Task.FromResult(answers.Dequeue());
        }, TimeSpan.FromSeconds(30), Backoff.Default(new Random(1)), TimeProvider.System, NullLogger.Instance);

        await sut.RunAsync((v, i) => seen.Add(i), _ => { }, cts.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([100UL, 50, 51], seen);
        Assert.Equal([0UL, 100, 50, 51], asked);
    }
}
