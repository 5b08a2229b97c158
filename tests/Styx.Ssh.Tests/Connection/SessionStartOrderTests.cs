using Microsoft.Extensions.Logging.Abstractions;
using Styx.Ssh.Authentication;
using Styx.Ssh.Connection;
using Styx.Ssh.Tests.Support;
using Styx.Ssh.Wire;

namespace Styx.Ssh.Tests.Connection;

/// <summary>
/// The SUCCESS that answers <c>exec</c> or <c>shell</c> goes out before the session runs (RFC 4254 §5.4): a quick
/// command's output and CLOSE once overtook it under load, and paramiko failed the exec with "Channel closed".
/// </summary>
public sealed class SessionStartOrderTests
{
    [Fact]
    public async Task SlowReplyWrite_TheSessionWaitsForIt()
    {
        var connection = new InMemoryPacketConnection();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var successWritten = false;
        var startedBeforeSuccess = false;
        connection.BeforeWrite = async payload =>
        {
            if (payload[0] == MessageNumber.ChannelSuccess)
            {
                // Hold the reply as a busy socket would, long enough for a session started too early to run.
                await started.Task.WaitAsync(TimeSpan.FromMilliseconds(500)).ContinueWith(_ => { }, TaskScheduler.Default);
                successWritten = true;
            }
        };
        var handler = new QuickHandler(() =>
        {
            startedBeforeSuccess = !Volatile.Read(ref successWritten);
            started.TrySetResult();
        });
        var service = new SshConnectionService(connection, new SshIdentity("carol", "SHA256:test", null), null, handler, new SshConnectionOptions(), TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = service.RunAsync(stop.Token);

        connection.Send(new SshWriter().WriteByte(MessageNumber.ChannelOpen).WriteAsciiString("session").WriteUInt32(7).WriteUInt32(1 << 20).WriteUInt32(32 * 1024).ToArray());
        Assert.Equal(MessageNumber.ChannelOpenConfirmation, (await connection.ReceiveAsync())[0]);
        connection.Send(new SshWriter().WriteByte(MessageNumber.ChannelRequest).WriteUInt32(0).WriteAsciiString("exec").WriteBoolean(true).WriteUtf8String("true").ToArray());

        Assert.Equal(MessageNumber.ChannelSuccess, (await connection.ReceiveAsync())[0]);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(startedBeforeSuccess, "the session ran before its exec was answered");

        await stop.CancelAsync();
        await running.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private sealed class QuickHandler(Action onStart) : ISshSessionHandler
    {
        public Task<int> RunAsync(SshSession session, CancellationToken cancellationToken)
        {
            onStart();
            return Task.FromResult(0);
        }
    }
}
