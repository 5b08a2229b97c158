using Styx.Cluster.Logs;
using Xunit;

namespace Styx.Cluster.Tests.Logs;

public sealed class LogBufferTests
{
    private static readonly LogOrigin s_origin = new("default", "web", "0b1c2d3e-0000-0000-0000-000000000000", "web.web[0]", "web", LogStream.Stdout, "mac-mini-1");

    private static LogLine Line(int n) => new(s_origin, DateTimeOffset.UnixEpoch, "line " + n);

    [Fact]
    public void BelowTheCap_NothingIsDropped()
    {
        var buffer = new LogBuffer(100);
        for (var i = 0; i < 100; i++)
        {
            buffer.Append(Line(i));
        }

        Assert.Equal(0, buffer.Dropped);
        var lines = new List<LogLine>();
        Assert.Equal(0, buffer.CopySince(0, lines));
        Assert.Equal(Enumerable.Range(0, 100).Select(i => "line " + i), lines.Select(l => l.Text));
    }

    [Fact]
    public void AboveTheCap_TheOldestGoAndTheCountIsExact()
    {
        var buffer = new LogBuffer(100);
        buffer.Append(Enumerable.Range(0, 250).Select(Line).ToList());
        for (var i = 250; i < 333; i++)
        {
            buffer.Append(Line(i));
        }

        Assert.Equal(233, buffer.Dropped);
        Assert.Equal(333, buffer.Next);
        Assert.Null(buffer[232]);
        Assert.Equal("line 233", buffer[233]?.Text);
        Assert.Equal("line 332", buffer[332]?.Text);
        Assert.Null(buffer[333]);

        var lines = new List<LogLine>();
        Assert.Equal(233, buffer.CopySince(10, lines));
        Assert.Equal(100, lines.Count);
        Assert.Equal("line 233", lines[0].Text);
    }

    [Fact]
    public void ABurstWakesTheReaderOnceUntilItAcknowledges()
    {
        var wakeUps = 0;
        var buffer = new LogBuffer(10, () => Interlocked.Increment(ref wakeUps));
        for (var i = 0; i < 1000; i++)
        {
            buffer.Append(Line(i));
        }

        Assert.Equal(1, wakeUps);
        buffer.Acknowledge();
        buffer.Append(Line(1000));
        Assert.Equal(2, wakeUps);
    }

    [Fact]
    public void ConcurrentWritersLoseNothingButTheCountedOldest()
    {
        var buffer = new LogBuffer(1000);
        Parallel.For(0, 8, writer =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                buffer.Append(Line(writer * 10_000 + i));
            }
        });

        Assert.Equal(80_000, buffer.Next);
        Assert.Equal(79_000, buffer.Dropped);
        var lines = new List<LogLine>();
        buffer.CopySince(0, lines);
        Assert.Equal(1000, lines.Count);
        Assert.All(lines, Assert.NotNull);
    }

    [Fact]
    public void ZeroCapacity_IsRefusedWithTheReason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogBuffer(0));
        Assert.Contains("at least one line", error.Message, StringComparison.Ordinal);
    }
}
