using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Styx.Ssh.Connection;
using Styx.Tui.Commands;
using Styx.Tui.Hosting.SessionDriver;
using Styx.Tui.Shell;

namespace Styx.Tui.Hosting;

/// <summary>
/// Runs the full-screen app for one pty session: the channel's bytes become Terminal.Gui input, pty-req and
/// window-change sizes become its screen size, and its frames go back through a bounded queue to the channel. The app
/// runs on its own thread (Terminal.Gui's run loop blocks) and is always disposed there. Whatever ends the session
/// (q, the client going away, an exception in a screen) ends only this session. The server's graceful stop
/// (<see cref="SshSession.Stopping"/>) ends the app as <c>q</c> does: the client's terminal is given back before the
/// session returns.
/// </summary>
internal sealed class FullScreenSession(SshSession session, SessionContext context, TerminalProfile profile, ILogger logger)
{
    /// <summary>A client that stops reading for this long a backlog of frames is cut off rather than buffered forever.</summary>
    private const long MaxQueuedBytes = 8 * 1024 * 1024;

    private readonly Channel<byte[]> _frames = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private long _queued;
    private volatile ScreenHost? _view;
    private string? _initialNotice;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, session.Closed, session.Stopping);
        var (columns, rows, clamped) = ScreenSizeLimit.Clamp(session.Size.Columns, session.Size.Rows);
        var pacer = new IterationPacer(context.Time);
        var input = new SessionInput(pacer);
        var sizes = new HostSizeMonitor(columns, rows, pacer);
        var output = new SessionOutput(profile.Depth, columns, rows, bytes => Enqueue(bytes, stop));
        session.SizeChanged += s =>
        {
            var (c, r, over) = ScreenSizeLimit.Clamp(s.Columns, s.Rows);
            sizes.RequestSize(c, r);
            if (over)
            {
                _view?.Notify(ScreenSizeLimit.Notice(s.Columns, s.Rows));
            }
        };
        _initialNotice = clamped ? ScreenSizeLimit.Notice(session.Size.Columns, session.Size.Rows) : null;
        var writer = Task.Run(() => WriteFramesAsync(stop), CancellationToken.None);
        var reader = Task.Run(() => ReadInputAsync(input, stop), CancellationToken.None);

        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunApplication(new SessionComponentFactory(input, output, sizes, pacer), output, stop.Token, finished))
        {
            IsBackground = true,
            Name = "tui " + context.Caller.User,
        };
        thread.Start();

        var status = ExitStatus.Ok;
        try
        {
            await finished.Task.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "The screen of {User}'s session failed; only this session ends", context.Caller.User);
            Enqueue(Encoding.UTF8.GetBytes("\r\nStyx hit an internal error in this session and closed it; the server log has the details.\r\n"), stop);
            status = ExitStatus.ClusterError;
        }

        _frames.Writer.TryComplete();
        await writer.ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
        return status;
    }

    private void RunApplication(SessionComponentFactory components, SessionOutput output, CancellationToken cancellationToken, TaskCompletionSource finished)
    {
        Exception? failure = null;
        try
        {
            using var app = SessionApplication.Create(components, context.Time);
            var view = new ScreenHost(context, logger);
            try
            {
                view.Attach(app, components.Pacer.Wake);
                if (_initialNotice is { } notice)
                {
                    view.Notify(notice);
                }

                _view = view;
                app.RunAsync(view, cancellationToken).GetAwaiter().GetResult();
            }
            finally
            {
                _view = null;
                view.Dispose();
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended from outside (the client left, the server stops).
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            // The client's terminal is given back (main screen, cursor, no bracketed paste) before anyone learns that the
            // app ended: RunAsync closes the frame queue as soon as it does, and a restore queued after that was lost,
            // leaving the client in the alternate screen after q now and then.
            output.Dispose();
        }

        if (failure is null)
        {
            finished.TrySetResult();
        }
        else
        {
            finished.TrySetException(failure);
        }
    }

    private void Enqueue(byte[] frame, CancellationTokenSource stop)
    {
        if (Interlocked.Add(ref _queued, frame.Length) > MaxQueuedBytes)
        {
            logger.LogWarning("{User}'s client stopped reading ({Bytes} bytes queued); ending the session", context.Caller.User, Interlocked.Read(ref _queued));
            stop.Cancel();
            return;
        }

        _frames.Writer.TryWrite(frame);
    }

    private async Task WriteFramesAsync(CancellationTokenSource stop)
    {
        try
        {
            await foreach (var frame in _frames.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                Interlocked.Add(ref _queued, -frame.Length);
                await session.WriteAsync(frame, session.Closed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The client is gone; end the app (if it is still running) and drop what is left.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadInputAsync(SessionInput input, CancellationTokenSource stop)
    {
        var buffer = new byte[4096];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var read = await session.Input.ReadAsync(buffer, stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                input.Push(buffer.AsSpan(0, read));

                // Read on (and so let the SSH window open again) only as the app takes what is queued.
                await input.WaitForRoomAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            return;
        }

        // EOF from the client: nobody is typing any more; end the app.
        await stop.CancelAsync().ConfigureAwait(false);
    }
}
