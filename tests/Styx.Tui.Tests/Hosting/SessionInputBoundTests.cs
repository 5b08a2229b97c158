using System.Collections.Concurrent;
using System.Text;
using Styx.Tui.Hosting.SessionDriver;

namespace Styx.Tui.Tests.Hosting;

/// <summary>
/// Issue 10 item 6: the host reads the channel on (and so grants SSH window) only while the UI has room, so input
/// waiting for the app is bounded however fast a client types.
/// </summary>
public sealed class SessionInputBoundTests
{
    [Fact]
    public async Task FullQueue_ReaderWaitsUntilAnIterationFindsItDrained()
    {
        var input = new SessionInput(new IterationPacer(TimeProvider.System));
        var queue = new ConcurrentQueue<char>();
        input.Initialize(queue);
        Assert.True(input.WaitForRoomAsync(CancellationToken.None).IsCompleted);

        input.Push(Encoding.ASCII.GetBytes(new string('j', SessionInput.MaxQueued)));
        var room = input.WaitForRoomAsync(CancellationToken.None);
        input.IterationStarting(); // nothing was taken yet
        Assert.False(room.IsCompleted);

        while (queue.TryDequeue(out _))
        {
            // The UI's input processor drains the queue during an iteration...
        }

        input.IterationStarting(); // ...and the next iteration lets the reader go on.
        await room.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, input.Queued);
    }

    [Fact]
    public async Task WaitingReader_SessionEnds_Cancelled()
    {
        var input = new SessionInput(new IterationPacer(TimeProvider.System));
        input.Initialize(new ConcurrentQueue<char>());
        input.Push(Encoding.ASCII.GetBytes(new string('k', SessionInput.MaxQueued + 10)));
        using var stop = new CancellationTokenSource();
        var room = input.WaitForRoomAsync(stop.Token);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => room);
    }
}
