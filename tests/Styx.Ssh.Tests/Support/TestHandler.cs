using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Styx.Ssh.Connection;

namespace Styx.Ssh.Tests.Support;

/// <summary>
/// The host side for interop tests. exec commands: <c>echo WORDS</c>, <c>exit N</c>, <c>whoami</c>, <c>size</c>,
/// <c>big N</c> (N pattern bytes), <c>big64 N</c> (the same in base64), <c>sha256</c> (hash of stdin until EOF), <c>err TEXT</c> (stderr, exit 1), <c>kill</c> (exit-signal TERM),
/// <c>flood</c> (output without end, until the channel or connection goes), <c>fail</c> (the handler throws),
/// <c>until-stop</c> (waits for the server's graceful stop, then says so on stderr and exits 7), <c>ignore-stop</c>
/// (waits until it is cut off). Both count themselves in <see cref="Waiting"/> once they wait.
/// A shell prints <c>ready COLSxROWS</c>, reports each window change as <c>size COLSxROWS</c>, echoes input lines,
/// and ends with status 0 on the line <c>exit</c>.
/// </summary>
internal sealed class TestHandler : ISshSessionHandler
{
    private int _waiting;

    /// <summary>Sessions now in <c>until-stop</c> or <c>ignore-stop</c>.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public async Task<int> RunAsync(SshSession session, CancellationToken cancellationToken)
    {
        if (session.Command is null)
        {
            return await ShellAsync(session, cancellationToken);
        }

        var parts = session.Command.Split(' ', 2);
        var argument = parts.Length > 1 ? parts[1] : "";
        switch (parts[0])
        {
            case "echo":
                await WriteAsync(session, argument + "\n", cancellationToken);
                return 0;
            case "exit":
                return int.Parse(argument, CultureInfo.InvariantCulture);
            case "whoami":
                await WriteAsync(session, session.Identity.UserName + " " + session.Identity.KeyFingerprint + "\n", cancellationToken);
                return 0;
            case "size":
                await WriteAsync(session, session.Pty is null ? "no pty\n" : $"{session.Pty.Term} {session.Size.Columns}x{session.Size.Rows}\n", cancellationToken);
                return 0;
            case "big":
                await session.WriteAsync(Pattern(long.Parse(argument, CultureInfo.InvariantCulture)), cancellationToken);
                return 0;
            case "big64":
                await WriteAsync(session, Convert.ToBase64String(Pattern(long.Parse(argument, CultureInfo.InvariantCulture))) + "\n", cancellationToken);
                return 0;
            case "sha256":
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[32 * 1024];
                long total = 0;
                int read;
                while ((read = await session.Input.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    total += read;
                }

                await WriteAsync(session, $"{total} {Convert.ToHexStringLower(hash.GetHashAndReset())}\n", cancellationToken);
                return 0;
            }

            case "flood":
            {
                var chunk = Pattern(64 * 1024);
                while (true)
                {
                    await session.WriteAsync(chunk, cancellationToken);
                }
            }

            case "until-stop":
                Interlocked.Increment(ref _waiting);
                try
                {
                    var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    using (session.Stopping.Register(() => stopping.TrySetResult()))
                    {
                        await stopping.Task.WaitAsync(cancellationToken);
                    }

                    await session.WriteErrorAsync(Encoding.UTF8.GetBytes("told: the server is stopping\n"), cancellationToken);
                    return 7;
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }

            case "ignore-stop":
                Interlocked.Increment(ref _waiting);
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
                    return 0;
                }
                finally
                {
                    Interlocked.Decrement(ref _waiting);
                }

            case "fail":
                throw new InvalidOperationException("the test handler failed on purpose");
            case "kill":
                throw new Styx.Ssh.Connection.SshExitSignalException("TERM", "terminated by the test");
            case "err":
                await session.WriteErrorAsync(Encoding.UTF8.GetBytes(argument + "\n"), cancellationToken);
                return 1;
            default:
                await session.WriteErrorAsync(Encoding.UTF8.GetBytes("unknown command\n"), cancellationToken);
                return 127;
        }
    }

    /// <summary>Deterministic bytes whose hash the tests can compute.</summary>
    public static byte[] Pattern(long length)
    {
        var data = new byte[length];
        for (long i = 0; i < length; i++)
        {
            data[i] = (byte)((i * 31 + i / 251) & 0xFF);
        }

        return data;
    }

    private static async Task<int> ShellAsync(SshSession session, CancellationToken cancellationToken)
    {
        session.SizeChanged += size => _ = WriteAsync(session, $"size {size.Columns}x{size.Rows}\r\n", CancellationToken.None);
        await WriteAsync(session, $"ready {session.Size.Columns}x{session.Size.Rows}\r\n", cancellationToken);
        var line = new StringBuilder();
        var buffer = new byte[1024];
        int read;
        while ((read = await session.Input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            foreach (var c in Encoding.UTF8.GetString(buffer, 0, read))
            {
                if (c is '\r' or '\n')
                {
                    var text = line.ToString();
                    line.Clear();
                    if (text == "exit")
                    {
                        await WriteAsync(session, "bye\r\n", cancellationToken);
                        return 0;
                    }

                    if (text.Length > 0)
                    {
                        await WriteAsync(session, "echo:" + text + "\r\n", cancellationToken);
                    }
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        return 0;
    }

    private static Task WriteAsync(SshSession session, string text, CancellationToken cancellationToken) =>
        session.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
}
